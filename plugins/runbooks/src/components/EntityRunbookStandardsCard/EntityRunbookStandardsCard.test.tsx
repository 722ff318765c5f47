import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  DEFAULT_RUNBOOK_STANDARD,
  EntityRunbooks,
  StandardsCheck,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import {
  entityRunbooks,
  entityWithoutAnnotation,
  makeRunbook,
} from '../../__testUtils__/fixtures';
import {
  mockRunbooksApi,
  renderOnEntityPage,
} from '../../__testUtils__/render';
import { EntityRunbookStandardsCard } from './EntityRunbookStandardsCard';

const checks = (results: Array<[string, boolean]>): StandardsCheck[] =>
  results.map(([id, passed]) => ({
    id,
    label: id.startsWith('section:') ? `Section "${id.slice(8)}"` : id,
    passed,
    reason: passed ? 'ok' : `no ${id}`,
  }));
const scored = (id: string, results: Array<[string, boolean]>, more = {}) =>
  makeRunbook({
    id,
    title: id,
    sourceUrl: `https://github.com/acme/shop/blob/main/runbooks/${id}.md`,
    path: `${id}.md`,
    standards: {
      source: 'default',
      passed: results.filter(([, ok]) => ok).length,
      total: results.length,
      checks: checks(results),
    },
    ...more,
  });

const data: EntityRunbooks = {
  ...entityRunbooks,
  runbooks: [
    scored('good', [
      ['section:Overview', true],
      ['steps', true],
    ]),
    scored('partial', [
      ['section:Overview', true],
      ['section:Escalation', false],
      ['steps', true],
    ]),
  ],
  alertsWithoutRunbook: [{ alert: 'HighErrorRate' }],
  standards: {
    standard: DEFAULT_RUNBOOK_STANDARD,
    runbooks: { passed: 4, total: 5 },
    entity: {
      source: 'default',
      passed: 1,
      total: 2,
      checks: [
        {
          id: 'alerts-covered',
          label: 'Every alert has a runbook',
          passed: false,
          reason: 'No runbook for HighErrorRate',
        },
        {
          id: 'on-call-defined',
          label: 'On-call defined',
          passed: true,
          reason: 'The entity names its on-call',
        },
      ],
    },
  },
};

describe('EntityRunbookStandardsCard', () => {
  it('scores each runbook worst first, with the service checks and the source of the standard', async () => {
    await renderOnEntityPage(<EntityRunbookStandardsCard />, {
      api: mockRunbooksApi({ getEntityRunbooks: async () => data }),
    });
    expect(
      await screen.findByText('Runbooks pass 4/5 checks'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/^The default standard: Overview, Investigation/),
    ).toBeInTheDocument();
    const scores = screen
      .getAllByTestId('runbook-standards-score')
      .map(chip => chip.textContent);
    expect(scores).toEqual(['Standards 2/3', 'Standards 2/2']);
    expect(
      within(screen.getByTestId('runbook-standards-partial')).getByText(
        'Failing: Section "Escalation"',
      ),
    ).toBeInTheDocument();
    const service = screen.getByRole('list', { name: 'Service checks' });
    expect(service).toHaveTextContent('No runbook for HighErrorRate');
  });

  it('links an alert without a runbook to a prefilled GitHub new-file page', async () => {
    await renderOnEntityPage(<EntityRunbookStandardsCard />, {
      api: mockRunbooksApi({ getEntityRunbooks: async () => data }),
    });
    const link = await screen.findByTestId('write-runbook-link');
    const url = new URL(link.getAttribute('href')!);
    expect(url.pathname).toBe('/acme/shop/new/main/runbooks');
    expect(url.searchParams.get('filename')).toBe('high-error-rate.md');
    expect(url.searchParams.get('value')).toMatch(
      /^# HighErrorRate\n[\s\S]*## Overview/,
    );
  });

  it('offers the missing sections of a runbook to copy, with its edit page', async () => {
    await renderOnEntityPage(<EntityRunbookStandardsCard />, {
      api: mockRunbooksApi({ getEntityRunbooks: async () => data }),
    });
    const row = await screen.findByTestId('runbook-standards-partial');
    expect(within(row).getByText('Edit')).toHaveAttribute(
      'href',
      'https://github.com/acme/shop/edit/main/runbooks/partial.md',
    );
    await userEvent.click(
      within(row).getByRole('button', { name: /show skeleton/ }),
    );
    expect(
      within(row).getByLabelText('Skeleton of partial.md'),
    ).toHaveTextContent('## Escalation');
  });

  it('asks for the annotation on entities without runbooks', async () => {
    await renderOnEntityPage(<EntityRunbookStandardsCard />, {
      entity: entityWithoutAnnotation,
      api: mockRunbooksApi(),
    });
    expect(screen.getAllByText(/runbooks\/location/).length).toBeGreaterThan(0);
    expect(screen.queryByText(/checks/)).not.toBeInTheDocument();
  });
});
