import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { parseEscalationAnnotation } from '@runbooks-for-backstage/plugin-runbooks-common';
import { resolveEscalation } from './resolveEscalation';

const org: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name: 'observability',
      annotations: {
        'slack.com/channel': '#observability-oncall',
        'runbooks/contact':
          'tel:+15550199, https://status.example.com, ftp://nope',
      },
    },
    spec: {
      type: 'team',
      profile: {
        displayName: 'Observability',
        email: 'observability@example.com',
      },
      children: [],
    },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'raj.patel', title: 'Raj (title)' },
    spec: {
      profile: { displayName: 'Raj Patel', email: 'raj.patel@example.com' },
      memberOf: [],
    },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'no.profile', title: 'No Profile' },
    spec: { memberOf: [] },
  },
];

function levels(annotation: string) {
  const parsed = parseEscalationAnnotation(annotation);
  expect(parsed.problems).toEqual([]);
  return parsed.value;
}

describe('resolveEscalation', () => {
  it('resolves the demo escalation: names, emails and contact annotations of the catalog', async () => {
    const catalog = catalogServiceMock({ entities: org });
    const result = await resolveEscalation(
      levels(
        'group:default/observability, user:default/raj.patel & tel:+15550100, mailto:sre-leads@example.com',
      ),
      catalog,
      mockCredentials.user(),
    );
    expect(result).toEqual({
      levels: [
        {
          level: 1,
          contacts: [
            {
              ref: 'group:default/observability',
              name: 'Observability',
              email: 'observability@example.com',
              links: [
                'tel:+15550199',
                'https://status.example.com',
                'slack:#observability-oncall',
              ],
            },
          ],
        },
        {
          level: 2,
          contacts: [
            {
              ref: 'user:default/raj.patel',
              name: 'Raj Patel',
              email: 'raj.patel@example.com',
            },
            { uri: 'tel:+15550100', name: '+15550100' },
          ],
        },
        {
          level: 3,
          contacts: [
            {
              uri: 'mailto:sre-leads@example.com',
              name: 'sre-leads@example.com',
            },
          ],
        },
      ],
      problems: [],
    });
  });

  it('keeps an unknown ref as written and reports it once', async () => {
    const catalog = catalogServiceMock({ entities: org });
    const result = await resolveEscalation(
      levels('group:x, group:default/x & user:no.profile'),
      catalog,
      mockCredentials.user(),
    );
    expect(result.levels[0].contacts).toEqual([
      { ref: 'group:default/x', name: 'group:x' },
    ]);
    expect(result.levels[1].contacts).toEqual([
      { ref: 'group:default/x', name: 'group:default/x' },
      { ref: 'user:default/no.profile', name: 'No Profile' },
    ]);
    expect(result.problems).toEqual([
      {
        level: 'warning',
        subject: 'runbooks/escalation',
        message: 'Escalation contact group:default/x is not in the catalog',
      },
    ]);
  });

  it('asks the catalog once, for all refs, with the caller credentials', async () => {
    const catalog = catalogServiceMock.mock({
      getEntitiesByRefs: jest.fn(async () => ({
        items: [undefined, undefined],
      })),
    });
    const credentials = mockCredentials.user('user:default/someone');
    await resolveEscalation(
      levels('user:a & user:b, user:a'),
      catalog,
      credentials,
    );
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(1);
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRefs: ['user:default/a', 'user:default/b'],
      }),
      { credentials },
    );
  });

  it('does not call the catalog without refs, and survives a catalog failure', async () => {
    const catalog = catalogServiceMock.mock({
      getEntitiesByRefs: jest.fn(async () => {
        throw new Error('catalog down');
      }),
    });
    const uris = await resolveEscalation(
      levels('mailto:a@example.com'),
      catalog,
      mockCredentials.user(),
    );
    expect(uris.problems).toEqual([]);
    expect(catalog.getEntitiesByRefs).not.toHaveBeenCalled();

    const refs = await resolveEscalation(
      levels('user:a'),
      catalog,
      mockCredentials.user(),
    );
    expect(refs.levels[0].contacts).toEqual([
      { ref: 'user:default/a', name: 'user:a' },
    ]);
    expect(refs.problems[0].message).toBe(
      'Escalation contacts could not be looked up in the catalog: catalog down',
    );
  });
});
