import {
  AuthService,
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { runbooksReviewCreatePermission } from '@runbooks-for-backstage/plugin-runbooks-common';

const MAX_GROUP_DEPTH = 10;

/**
 * Adds the ancestors of the user's groups to their ownership claims, so that
 * a member of `group:observability` (child of `group:sre`) counts as a member
 * of `group:sre` for entities that group owns.
 */
export async function withParentGroups(
  claims: string[],
  catalog: CatalogService,
  auth: AuthService,
): Promise<string[]> {
  const result = new Set(claims);
  let frontier = claims.filter(ref => ref.startsWith('group:'));
  const credentials = await auth.getOwnServiceCredentials();
  for (let depth = 0; frontier.length && depth < MAX_GROUP_DEPTH; depth++) {
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: frontier, fields: ['kind', 'metadata', 'spec.parent'] },
      { credentials },
    );
    frontier = [];
    for (const group of items) {
      const parent = group?.spec?.parent;
      if (typeof parent !== 'string') continue;
      const ref = stringifyEntityRef(
        parseEntityRef(parent, {
          defaultKind: 'group',
          defaultNamespace: group!.metadata.namespace ?? 'default',
        }),
      );
      if (!result.has(ref)) {
        result.add(ref);
        frontier.push(ref);
      }
    }
  }
  return [...result];
}

/**
 * The portal's policy, the contract's defaults: everyone signed in may read
 * the catalog and its runbooks; only members of the owning group (directly or
 * through a parent group) may mark a runbook as reviewed; service tokens never.
 */
export class RunbooksPortalPolicy implements PermissionPolicy {
  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (isPermission(request.permission, runbooksReviewCreatePermission)) {
      if (!user) return { result: AuthorizeResult.DENY };
      const claims = await withParentGroups(
        user.info.ownershipEntityRefs ?? [],
        this.catalog,
        this.auth,
      );
      return createCatalogConditionalDecision(
        runbooksReviewCreatePermission,
        catalogConditions.isEntityOwner({ claims }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'runbooks-portal-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
      },
      async init({ policy, catalog, auth }) {
        policy.setPolicy(new RunbooksPortalPolicy(catalog, auth));
      },
    });
  },
});
