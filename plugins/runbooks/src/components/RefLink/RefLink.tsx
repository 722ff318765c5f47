import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';

/**
 * A catalog entity ref as a link; the title (or the ref) as text when the ref
 * cannot be read, and a dash when there is none.
 */
export function RefLink(props: {
  entityRef?: string;
  title?: string;
  defaultKind?: string;
}) {
  const { entityRef, title, defaultKind } = props;
  if (!entityRef) return <>—</>;
  try {
    return (
      <EntityRefLink
        entityRef={parseEntityRef(entityRef, { defaultKind })}
        defaultKind={defaultKind}
      >
        {title || undefined}
      </EntityRefLink>
    );
  } catch {
    return <>{title || entityRef}</>;
  }
}
