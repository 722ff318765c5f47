import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { makeRunbook } from '../../__testUtils__/fixtures';
import { RunbookHeader } from './RunbookHeader';

describe('RunbookHeader', () => {
  it('says when the runbook changed since its last review in the portal', async () => {
    await renderInTestApp(
      <RunbookHeader
        runbook={makeRunbook({
          id: 'edited',
          lastReviewed: '2024-01-02T00:00:00Z',
          nextReview: '2024-04-01T00:00:00Z',
          changedSinceReview: true,
          changedReview: {
            reviewer: 'user:default/jane.doe',
            reviewedAt: '2024-06-03T10:00:00Z',
          },
        })}
      />,
    );
    expect(
      screen.getByText(
        /^Changed since review by user:default\/jane\.doe on 3 Jun 2024 · Last reviewed 2 Jan 2024/,
      ),
    ).toBeInTheDocument();
  });
});

describe('RunbookHeader standards', () => {
  it('shows the score and the failing checks with their reasons', async () => {
    await renderInTestApp(
      <RunbookHeader
        runbook={makeRunbook({
          id: 'partial',
          standards: {
            source: 'index',
            sourcePath: 'README.md',
            passed: 2,
            total: 3,
            checks: [
              {
                id: 'section:Overview',
                label: 'Section "Overview"',
                passed: true,
                reason: 'Has the heading "Overview"',
              },
              {
                id: 'section:Escalation',
                label: 'Section "Escalation"',
                passed: false,
                reason: 'No heading "Escalation"',
              },
              {
                id: 'steps',
                label: 'Actionable steps',
                passed: true,
                reason: '"Steps" has numbered steps or commands',
              },
            ],
          },
        })}
      />,
    );
    expect(screen.getByText('Standards 2/3')).toBeInTheDocument();
    const failing = screen.getByRole('list', {
      name: 'Failing standards checks',
    });
    expect(failing).toHaveTextContent(
      'Section "Escalation": No heading "Escalation"',
    );
    expect(failing).not.toHaveTextContent('Overview');
    expect(
      screen.getByText('Failing standards checks · Declared by README.md'),
    ).toBeInTheDocument();
  });

  it('shows no score for a runbook without standards', async () => {
    await renderInTestApp(<RunbookHeader runbook={makeRunbook({ id: 'x' })} />);
    expect(screen.queryByText(/^Standards/)).not.toBeInTheDocument();
  });
});
