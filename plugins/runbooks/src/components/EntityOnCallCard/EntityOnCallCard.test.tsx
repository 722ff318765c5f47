import { Entity } from '@backstage/catalog-model';
import { screen, within } from '@testing-library/react';
import { EntityOnCall } from '@runbooks-for-backstage/plugin-runbooks-common';
import { entityWithoutAnnotation } from '../../__testUtils__/fixtures';
import {
  mockRunbooksApi,
  renderOnEntityPage,
} from '../../__testUtils__/render';
import { EntityOnCallCard } from './EntityOnCallCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'prometheus',
    namespace: 'default',
    annotations: {
      'runbooks/on-call': 'schedule:./oncall.yaml',
      'runbooks/escalation':
        'group:default/observability, user:default/raj.patel & tel:+15550100, mailto:sre-leads@example.com',
    },
  },
  spec: {
    type: 'service',
    owner: 'group:observability',
    lifecycle: 'production',
  },
};

const until = new Date(Date.now() + 3 * 86_400_000).toISOString();

const onCall: EntityOnCall = {
  entityRef: 'component:default/prometheus',
  provider: 'schedule',
  onCallNow: [
    {
      level: 1,
      contacts: [
        {
          ref: 'user:default/raj.patel',
          name: 'Raj Patel',
          email: 'raj.patel@example.com',
        },
      ],
      until,
      next: [{ ref: 'user:default/mei.chen', name: 'Mei Chen' }],
    },
  ],
  escalation: [
    {
      level: 1,
      contacts: [
        {
          ref: 'group:default/observability',
          name: 'Observability',
          email: 'observability@example.com',
          links: ['slack:#observability-oncall'],
        },
      ],
    },
    {
      level: 2,
      contacts: [
        { ref: 'user:default/raj.patel', name: 'Raj Patel' },
        { uri: 'tel:+15550100', name: '+15550100' },
      ],
    },
    {
      level: 3,
      contacts: [
        { uri: 'mailto:sre-leads@example.com', name: 'sre-leads@example.com' },
        {
          uri: 'https://status.example.com',
          name: 'https://status.example.com',
        },
      ],
    },
  ],
  severities: [
    {
      name: 'P0',
      respondWithin: '15m',
      description: 'Critical - outage or data breach',
    },
    {
      name: 'P1',
      respondWithin: '1h',
      description: 'High - major functionality impaired',
    },
  ],
  problems: [],
};

async function render(
  answer: EntityOnCall | (() => Promise<EntityOnCall>),
  e = entity,
) {
  const api = mockRunbooksApi({
    getOnCall: typeof answer === 'function' ? answer : async () => answer,
  });
  await renderOnEntityPage(<EntityOnCallCard />, {
    api,
    entity: e,
    path: '/catalog/default/component/prometheus',
  });
  return api;
}

describe('EntityOnCallCard', () => {
  it('shows who is on call now, until when and who is next', async () => {
    await render(onCall);
    const now = await screen.findByLabelText('On call now');
    expect(within(now).getByText('Level 1')).toBeInTheDocument();
    expect(
      within(now).getByRole('link', { name: 'Raj Patel' }),
    ).toHaveAttribute('href', '/catalog/default/user/raj.patel');
    expect(
      within(now).getByRole('link', { name: 'raj.patel@example.com' }),
    ).toHaveAttribute('href', 'mailto:raj.patel@example.com');
    const time = now.querySelector('time')!;
    expect(time).toHaveAttribute('datetime', until);
    expect(time).toHaveTextContent('(in 3 days)');
    expect(within(now).getByText(/^then/)).toBeInTheDocument();
    expect(within(now).getByRole('link', { name: 'Mei Chen' })).toHaveAttribute(
      'href',
      '/catalog/default/user/mei.chen',
    );
    expect(screen.getByText(/from on-call schedule/)).toBeInTheDocument();
  });

  it('lists each escalation level with its contacts as links', async () => {
    await render(onCall);
    const levels = await screen.findByLabelText('Escalation levels');
    const terms = within(levels).getAllByRole('term');
    expect(terms.map(t => t.textContent)).toEqual(['1', '2', '3']);

    const first = terms[0].nextElementSibling as HTMLElement;
    expect(
      within(first).getByRole('link', { name: 'Observability' }),
    ).toHaveAttribute('href', '/catalog/default/group/observability');
    expect(
      within(first).getByRole('link', { name: 'observability@example.com' }),
    ).toHaveAttribute('href', 'mailto:observability@example.com');
    // A Slack channel is shown, not linked.
    expect(
      within(first).getByText('Slack #observability-oncall'),
    ).toBeInTheDocument();

    const second = terms[1].nextElementSibling as HTMLElement;
    expect(
      within(second).getByRole('link', { name: '+15550100' }),
    ).toHaveAttribute('href', 'tel:+15550100');
    const third = terms[2].nextElementSibling as HTMLElement;
    expect(
      within(third).getByRole('link', { name: 'sre-leads@example.com' }),
    ).toHaveAttribute('href', 'mailto:sre-leads@example.com');
    expect(
      within(third).getByRole('link', { name: /status\.example\.com/ }),
    ).toHaveAttribute('href', 'https://status.example.com');
  });

  it('shows the severity ladder with response times', async () => {
    await render(onCall);
    const table = await screen.findByRole('table', {
      name: 'Severities and response times',
    });
    const rows = within(table)
      .getAllByRole('row')
      .map(row =>
        Array.from(row.querySelectorAll('th, td')).map(
          cell => cell.textContent,
        ),
      );
    expect(rows).toEqual([
      ['Severity', 'Respond within', 'Meaning'],
      ['P0', '15m', 'Critical - outage or data breach'],
      ['P1', '1h', 'High - major functionality impaired'],
    ]);
  });

  it('works with an escalation and no on-call provider', async () => {
    const escalationOnly: Entity = {
      ...entity,
      metadata: {
        ...entity.metadata,
        annotations: { 'runbooks/escalation': 'group:default/observability' },
      },
    };
    await render(
      { ...onCall, provider: undefined, onCallNow: [] },
      escalationOnly,
    );
    expect(await screen.findByText(/No on-call source/)).toBeInTheDocument();
    expect(screen.getByLabelText('Escalation levels')).toBeInTheDocument();
    expect(screen.queryByLabelText('On call now')).not.toBeInTheDocument();
  });

  it('warns that the provider is unreachable and still shows the escalation', async () => {
    await render({
      ...onCall,
      provider: 'pagerduty',
      onCallNow: [],
      unreachableSince: '2026-11-23T11:58:00.000Z',
    });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('On-call provider unreachable since');
    expect(alert).toHaveTextContent('(PagerDuty)');
    expect(alert.querySelector('time')).toHaveAttribute(
      'datetime',
      '2026-11-23T11:58:00.000Z',
    );
    expect(
      screen.queryByText('Nobody is on call right now.'),
    ).not.toBeInTheDocument();
    expect(screen.getByLabelText('Escalation levels')).toBeInTheDocument();
  });

  it('says when nobody is on call', async () => {
    await render({ ...onCall, onCallNow: [] });
    expect(
      await screen.findByText('Nobody is on call right now.'),
    ).toBeInTheDocument();
  });

  it('says how to declare an escalation when there is none, and shows problems', async () => {
    await render({
      ...onCall,
      escalation: [],
      problems: [
        {
          level: 'error',
          subject: 'runbooks/on-call',
          message:
            'oncall.yaml: rotation.every "7" is not a period such as 12h, 1d, 1w or 2w',
        },
      ],
    });
    expect(
      await screen.findByText(/No escalation declared/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'oncall.yaml: rotation.every "7" is not a period such as 12h, 1d, 1w or 2w',
      ),
    ).toBeInTheDocument();
  });

  it('shows the missing annotation empty state without asking the backend', async () => {
    const api = await render(onCall, entityWithoutAnnotation);
    expect(screen.getByText('Missing Annotation')).toBeInTheDocument();
    expect(api.getOnCall).not.toHaveBeenCalled();
  });

  it('shows the error panel when the backend fails', async () => {
    await render(async () => {
      throw new Error('runbooks backend unavailable');
    });
    expect(
      await screen.findAllByText(/runbooks backend unavailable/),
    ).not.toHaveLength(0);
  });

  it('shows progress while loading', async () => {
    await render(() => new Promise(() => {}));
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });
});
