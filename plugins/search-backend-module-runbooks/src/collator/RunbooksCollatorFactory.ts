import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  DocumentCollatorFactory,
  IndexableDocument,
} from '@backstage/plugin-search-common';
import {
  RUNBOOK_SEARCH_TYPE,
  RunbookDocument,
  RunbookSearchDocument,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { Readable } from 'node:stream';

/**
 * A runbook document as the search index stores it, with the entity it
 * belongs to as its authorization resource.
 *
 * @public
 */
export type RunbookIndexableDocument = RunbookSearchDocument &
  IndexableDocument & { authorization: { resourceRef: string } };

/** A page of the runbooks backend's `GET /documents`. */
type DocumentsPage = { items: RunbookDocument[]; nextCursor?: string };

/**
 * Options of {@link RunbooksCollatorFactory}.
 *
 * @public
 */
export type RunbooksCollatorFactoryOptions = {
  discovery: DiscoveryService;
  auth: AuthService;
  logger: LoggerService;
  /** Documents asked for per request. Default 500. */
  pageSize?: number;
  /** For tests: the fetch to call the runbooks backend with. */
  fetch?: typeof fetch;
};

/**
 * Collates every runbook the runbooks backend has read into search documents
 * of type `runbook`, a page at a time from its `GET /documents`. Results are
 * shown only to those who may read the runbook's entity.
 *
 * @public
 */
export class RunbooksCollatorFactory implements DocumentCollatorFactory {
  readonly type = RUNBOOK_SEARCH_TYPE;
  readonly visibilityPermission = catalogEntityReadPermission;

  private readonly pageSize: number;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: RunbooksCollatorFactoryOptions) {
    this.pageSize = options.pageSize ?? 500;
    this.fetch = options.fetch ?? fetch;
  }

  async getCollator(): Promise<Readable> {
    return Readable.from(this.execute());
  }

  private async *execute(): AsyncGenerator<RunbookIndexableDocument> {
    const { discovery, logger } = this.options;
    const baseUrl = await discovery.getBaseUrl('runbooks');
    let cursor: string | undefined;
    let skipped = 0;
    do {
      const page = await this.fetchPage(baseUrl, cursor);
      for (const item of page.items) {
        const document = toDocument(item);
        if (document) yield document;
        else skipped++;
      }
      cursor = page.nextCursor;
    } while (cursor);
    if (skipped) {
      logger.warn(
        `Skipped ${skipped} runbook documents without an entity ref, title or view URL`,
      );
    }
  }

  private async fetchPage(
    baseUrl: string,
    cursor: string | undefined,
  ): Promise<DocumentsPage> {
    const { auth } = this.options;
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'runbooks',
    });
    const query = new URLSearchParams({ limit: String(this.pageSize) });
    if (cursor) query.set('after', cursor);
    const response = await this.fetch(`${baseUrl}/documents?${query}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const body = (await response.json()) as Partial<DocumentsPage>;
    if (!Array.isArray(body?.items)) {
      throw new Error(
        `The runbooks backend answered GET ${baseUrl}/documents without an items list`,
      );
    }
    return {
      items: body.items,
      // A cursor that does not move would page forever.
      nextCursor:
        typeof body.nextCursor === 'string' && body.nextCursor !== cursor
          ? body.nextCursor
          : undefined,
    };
  }
}

function toDocument(
  item: RunbookDocument,
): RunbookIndexableDocument | undefined {
  const runbook = item?.runbook;
  if (!item?.entityRef || !runbook?.viewUrl || !runbook.title) {
    return undefined;
  }
  return {
    title: runbook.title,
    text: item.text ?? '',
    location: runbook.viewUrl,
    entityRef: item.entityRef,
    entityTitle: item.entityTitle || item.entityRef,
    owner: item.owner ?? '',
    alerts: runbook.alerts ?? [],
    status: runbook.status,
    category: runbook.category ?? '',
    runbookId: runbook.id,
    authorization: { resourceRef: item.entityRef },
  };
}
