import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { runbooksApiRef } from '../api';

/** The runbooks of an entity, reloaded when the entity changes. */
export function useEntityRunbooks(entityRef: CompoundEntityRef) {
  const api = useApi(runbooksApiRef);
  const { kind, namespace, name } = entityRef;
  return useAsyncRetry(
    () => api.getEntityRunbooks({ kind, namespace, name }),
    [api, kind, namespace, name],
  );
}
