import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  ConditionalPolicyDecision,
  createPermission,
} from '@backstage/plugin-permission-common';
import { runbooksReviewCreatePermission } from '@runbooks-for-backstage/plugin-runbooks-common';
import { RunbooksPortalPolicy } from './permissionPolicy';

const group = (
  name: string,
  parent?: string,
  children: string[] = [],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children, ...(parent ? { parent } : {}) },
});

describe('RunbooksPortalPolicy', () => {
  const catalog = catalogServiceMock({
    entities: [
      group('sre', undefined, ['observability']),
      group('observability', 'sre', ['group:default/dashboards']),
      group('dashboards', 'group:default/observability'),
      // Registered by anyone: claims sre as parent, but sre does not list it.
      group('impostors', 'group:default/sre'),
    ],
  });
  const policy = new RunbooksPortalPolicy(catalog, mockServices.auth());
  const user = (ownershipEntityRefs: string[]) => ({
    identity: {
      type: 'user' as const,
      userEntityRef: 'user:default/jane',
      ownershipEntityRefs,
    },
    info: { userEntityRef: 'user:default/jane', ownershipEntityRefs },
    token: 'token',
    credentials: mockCredentials.user('user:default/jane'),
  });

  it('lets members review runbooks of entities their group owns, directly or through parent groups', async () => {
    const decision = (await policy.handle(
      { permission: runbooksReviewCreatePermission },
      user(['user:default/jane', 'group:default/dashboards']),
    )) as ConditionalPolicyDecision;
    expect(decision.result).toBe(AuthorizeResult.CONDITIONAL);
    expect(decision.pluginId).toBe('catalog');
    const condition = decision.conditions as unknown as {
      params: { claims: string[] };
    };
    const claims = condition.params.claims;
    expect(claims.sort()).toEqual([
      'group:default/dashboards',
      'group:default/observability',
      'group:default/sre',
      'user:default/jane',
    ]);
  });

  it('does not follow a parent that does not list the group among its children', async () => {
    const decision = (await policy.handle(
      { permission: runbooksReviewCreatePermission },
      user(['user:default/jane', 'group:default/impostors']),
    )) as ConditionalPolicyDecision;
    const condition = decision.conditions as unknown as {
      params: { claims: string[] };
    };
    expect(condition.params.claims.sort()).toEqual([
      'group:default/impostors',
      'user:default/jane',
    ]);
  });

  it('never lets a caller without a user identity review, and allows everything else', async () => {
    expect(
      await policy.handle({ permission: runbooksReviewCreatePermission }),
    ).toEqual({ result: AuthorizeResult.DENY });
    expect(
      await policy.handle(
        {
          permission: createPermission({
            name: 'catalog.entity.read',
            attributes: { action: 'read' },
          }),
        },
        user([]),
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });
});
