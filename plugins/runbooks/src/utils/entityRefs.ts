import { parseEntityRef } from '@backstage/catalog-model';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';

/**
 * A group or user ref as people read it: `payments`, `user:jane.doe`; the
 * text itself when it is not a ref, and '' when there is none.
 */
export function displayRef(
  ref: string | undefined,
  options: { defaultKind?: string; defaultNamespace?: string } = {},
): string {
  if (!ref) return '';
  const { defaultKind = 'group', defaultNamespace } = options;
  try {
    return humanizeEntityRef(
      parseEntityRef(ref, { defaultKind, defaultNamespace }),
      { defaultKind },
    );
  } catch {
    return ref;
  }
}
