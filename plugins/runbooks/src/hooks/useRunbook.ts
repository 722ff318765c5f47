import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { runbooksApiRef } from '../api';

/** One runbook with its markdown, reloaded when the entity or id changes. */
export function useRunbook(entityRef: CompoundEntityRef, id: string) {
  const api = useApi(runbooksApiRef);
  const { kind, namespace, name } = entityRef;
  return useAsyncRetry(
    () => api.getRunbook({ kind, namespace, name }, id),
    [api, kind, namespace, name, id],
  );
}
