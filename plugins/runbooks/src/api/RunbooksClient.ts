import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  CatalogFiring,
  EntityFiring,
  EntityOnCall,
  EntityRunbooks,
  RunbookDetail,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { RunbooksApi } from './RunbooksApi';
import {
  AlertLookup,
  RecordReviewResult,
  RunbookReviewRecord,
  RunbooksReport,
  RunbooksReportPage,
  RunbooksReportQuery,
} from './types';

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

  async getOnCall(entityRef: CompoundEntityRef): Promise<EntityOnCall> {
    return this.request<EntityOnCall>(`${entityPath(entityRef)}/on-call`);
  }

  async recordReview(
    entityRef: CompoundEntityRef,
    id: string,
    note?: string,
  ): Promise<RecordReviewResult> {
    return this.request<RecordReviewResult>(
      `${runbookPath(entityRef, id)}/reviews`,
      { method: 'POST', body: note?.trim() ? { note: note.trim() } : {} },
    );
  }

  async getReviews(
    entityRef: CompoundEntityRef,
    id: string,
  ): Promise<RunbookReviewRecord[]> {
    const { reviews } = await this.request<{ reviews: RunbookReviewRecord[] }>(
      `${runbookPath(entityRef, id)}/reviews`,
    );
    return reviews;
  }

  async lookupAlert(
    alertName: string,
    query: Record<string, string> = {},
  ): Promise<AlertLookup> {
    const search = new URLSearchParams(query).toString();
    return this.request<AlertLookup>(
      `/alerts/${encodeURIComponent(alertName)}${search ? `?${search}` : ''}`,
    );
  }

  async getEntityFiring(entityRef: CompoundEntityRef): Promise<EntityFiring> {
    return this.request<EntityFiring>(`${entityPath(entityRef)}/firing`);
  }

  async getFiring(query: { alertname?: string } = {}): Promise<CatalogFiring> {
    const search = query.alertname
      ? `?${new URLSearchParams({ alertname: query.alertname })}`
      : '';
    return this.request<CatalogFiring>(`/firing${search}`);
  }

  async getReport(): Promise<RunbooksReport> {
    return this.request<RunbooksReport>('/report');
  }

  async getReportPage(query: RunbooksReportQuery): Promise<RunbooksReportPage> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    // At least one parameter asks for a page rather than the whole report.
    if (!params.has('limit')) params.set('limit', '50');
    return this.request<RunbooksReportPage>(`/report?${params}`);
  }

  private async request<T>(
    path: string,
    options: { method?: string; body?: unknown } = {},
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('runbooks');
    const response = await this.fetchApi.fetch(
      `${baseUrl}${path}`,
      options.body === undefined
        ? { method: options.method }
        : {
            method: options.method ?? 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(options.body),
          },
    );
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

function runbookPath(entityRef: CompoundEntityRef, id: string): string {
  return `${entityPath(entityRef)}/runbooks/${encodeURIComponent(id)}`;
}
