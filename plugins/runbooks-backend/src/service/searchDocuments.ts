import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  markdownToPlainText,
  RunbookDocument,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { SnapshotStore } from '../database/RunbooksStore';
import { EntityReadModel } from './EntityReadModel';
import { EntitySummary } from './types';

type Cursor = { entityRef: string; runbookId: string };

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string | undefined): Cursor | undefined {
  if (!text) return undefined;
  try {
    const cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (
      typeof cursor?.entityRef === 'string' &&
      typeof cursor?.runbookId === 'string'
    ) {
      return cursor;
    }
  } catch {
    // falls through to the error below
  }
  throw new InputError(`Invalid cursor "${text}"`);
}

/**
 * Every stored runbook with its text, a page at a time, in (entity, runbook)
 * order, for search collators. Missing runbooks are left out; the cursor
 * names the last runbook of the page.
 */
export async function listSearchDocuments(
  deps: {
    store: Pick<SnapshotStore, 'listRunbooks' | 'getEntity'>;
    readModel: Pick<EntityReadModel, 'present'>;
  },
  options: { after?: string; limit: number },
): Promise<{ items: RunbookDocument[]; nextCursor?: string }> {
  const rows = await deps.store.listRunbooks({
    after: decodeCursor(options.after),
    limit: options.limit,
  });
  const entities = new Map<string, EntitySummary | undefined>();
  const items: RunbookDocument[] = [];
  for (const { entityRef, runbook } of rows) {
    if (!entities.has(entityRef)) {
      entities.set(entityRef, await deps.store.getEntity(entityRef));
    }
    const entity = entities.get(entityRef);
    if (!entity || runbook.missing) continue;
    items.push({
      entityRef,
      entityTitle: entity.entityTitle,
      owner: entity.owner,
      runbook: deps.readModel.present(
        parseEntityRef(entityRef),
        entity,
        runbook,
      ),
      text: markdownToPlainText(runbook.markdown),
    });
  }
  const last = rows[rows.length - 1];
  return {
    items,
    nextCursor:
      rows.length === options.limit && last
        ? encodeCursor({
            entityRef: last.entityRef,
            runbookId: last.runbook.id,
          })
        : undefined,
  };
}
