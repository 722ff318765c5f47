import {
  AuthService,
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
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
 * of `group:sre` for entities that group owns. A parent counts only when it
 * names the child in its own `spec.children`: a group anyone registers with
 * `parent: group:sre` is not a child of sre until sre says so.
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
    const { items: groups } = await catalog.getEntitiesByRefs(
      { entityRefs: frontier, fields: ['kind', 'metadata', 'spec.parent'] },
      { credentials },
    );
    const claimedBy = new Map<string, string[]>();
    for (const group of groups) {
      if (!group) continue;
      const parent = groupRef(group.spec?.parent, group);
      if (!parent || result.has(parent)) continue;
      claimedBy.set(parent, [
        ...(claimedBy.get(parent) ?? []),
        stringifyEntityRef(group),
      ]);
    }
    frontier = [];
    if (!claimedBy.size) break;
    const { items: parents } = await catalog.getEntitiesByRefs(
      {
        entityRefs: [...claimedBy.keys()],
        fields: ['kind', 'metadata', 'spec.children'],
      },
      { credentials },
    );
    for (const parent of parents) {
      if (!parent || parent.kind.toLowerCase() !== 'group') continue;
      const ref = stringifyEntityRef(parent);
      const children = Array.isArray(parent.spec?.children)
        ? parent.spec!.children.map(child => groupRef(child, parent))
        : [];
      const confirmed = (claimedBy.get(ref) ?? []).some(child =>
        children.includes(child),
      );
      if (confirmed && !result.has(ref)) {
        result.add(ref);
        frontier.push(ref);
      }
    }
  }
  return [...result];
}

/** A group reference as written in `spec.parent` / `spec.children`, in full. */
function groupRef(value: unknown, from: Entity): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(value, {
        defaultKind: 'group',
        defaultNamespace: from.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return undefined;
  }
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
