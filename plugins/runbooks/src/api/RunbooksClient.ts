import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  EntityRunbooks,
  RunbookDetail,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { RunbooksApi } from './RunbooksApi';

/**
 * {@link RunbooksApi} over HTTP, against the `runbooks` backend plugin.
 *
 * @public
 */
export class RunbooksClient implements RunbooksApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getEntityRunbooks(
    entityRef: CompoundEntityRef,
  ): Promise<EntityRunbooks> {
    return this.request<EntityRunbooks>(entityPath(entityRef));
  }

  async getRunbook(
    entityRef: CompoundEntityRef,
    id: string,
  ): Promise<RunbookDetail> {
    return this.request<RunbookDetail>(
      `${entityPath(entityRef)}/runbooks/${encodeURIComponent(id)}`,
    );
  }

  private async request<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('runbooks');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

function entityPath(entityRef: CompoundEntityRef): string {
  return `/entities/${[
    entityRef.namespace,
    entityRef.kind.toLocaleLowerCase('en-US'),
    entityRef.name,
  ]
    .map(encodeURIComponent)
    .join('/')}`;
}
