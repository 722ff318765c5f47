import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { runbooksApiRef } from '../../api';

/** The on-call answer of an entity, reloaded when the entity changes. */
export function useEntityOnCall(entityRef: CompoundEntityRef) {
  const api = useApi(runbooksApiRef);
  const { kind, namespace, name } = entityRef;
  return useAsyncRetry(
    () => api.getOnCall({ kind, namespace, name }),
    [api, kind, namespace, name],
  );
}
