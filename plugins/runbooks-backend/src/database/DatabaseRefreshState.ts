import { randomUUID } from 'crypto';
import { Knex } from 'knex';
import { bumpReportRevision } from './reportRevision';
import { EntityRow, INSERT_CHUNK, parseEtags } from './rows';

/**
 * What the refresh keeps about each entity's sources between runs: their
 * hash and etags, when they were last read or could not be, and which
 * entities are stored at all.
 */
export class DatabaseRefreshState {
  constructor(private readonly db: Knex) {}

  async markSourceUnreachable(
    entityRef: string,
    state: { since: string; message: string },
  ): Promise<void> {
    await this.db.transaction(async tx => {
      const row = await tx<EntityRow>('runbooks_entities')
        .where({ entity_ref: entityRef })
        .first();
      if (!row) return;
      const data = JSON.parse(row.data);
      await tx('runbooks_entities')
        .where({ entity_ref: entityRef })
        .update({
          data: JSON.stringify({ ...data, sourceUnreachable: state }),
          stamp: randomUUID(),
          // Read again in full once the source answers.
          source_hash: null,
          source_etags: null,
        });
    });
  }

  async getSourceHashes(entityRefs: string[]): Promise<Map<string, string>> {
    const hashes = new Map<string, string>();
    for (let i = 0; i < entityRefs.length; i += INSERT_CHUNK) {
      const rows: Array<{ entity_ref: string; source_hash: string | null }> =
        await this.db('runbooks_entities')
          .whereIn('entity_ref', entityRefs.slice(i, i + INSERT_CHUNK))
          .select('entity_ref', 'source_hash');
      for (const row of rows) {
        if (row.source_hash) hashes.set(row.entity_ref, row.source_hash);
      }
    }
    return hashes;
  }

  async getSourceStates(
    entityRefs: string[],
  ): Promise<Map<string, { hash: string; etags: Record<string, string> }>> {
    const states = new Map<
      string,
      { hash: string; etags: Record<string, string> }
    >();
    for (let i = 0; i < entityRefs.length; i += INSERT_CHUNK) {
      const rows: Array<{
        entity_ref: string;
        source_hash: string | null;
        source_etags: string | null;
      }> = await this.db('runbooks_entities')
        .whereIn('entity_ref', entityRefs.slice(i, i + INSERT_CHUNK))
        .select('entity_ref', 'source_hash', 'source_etags');
      for (const row of rows) {
        if (!row.source_hash) continue;
        states.set(row.entity_ref, {
          hash: row.source_hash,
          etags: parseEtags(row.source_etags),
        });
      }
    }
    return states;
  }

  async markRefreshed(
    entityRefs: string[],
    refreshedAt: string,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      for (let i = 0; i < entityRefs.length; i += INSERT_CHUNK) {
        await tx('runbooks_entities')
          .whereIn('entity_ref', entityRefs.slice(i, i + INSERT_CHUNK))
          .update({ refreshed_at: refreshedAt });
      }
    });
  }

  async listEntityRefs(): Promise<string[]> {
    const rows = await this.db<EntityRow>('runbooks_entities').select(
      'entity_ref',
    );
    return rows.map(row => row.entity_ref);
  }

  async deleteEntities(entityRefs: string[]): Promise<void> {
    for (let i = 0; i < entityRefs.length; i += INSERT_CHUNK) {
      const chunk = entityRefs.slice(i, i + INSERT_CHUNK);
      await this.db.transaction(async tx => {
        await tx('runbooks_documents').whereIn('entity_ref', chunk).delete();
        await tx('runbooks_alerts').whereIn('entity_ref', chunk).delete();
        await tx('runbooks_entities').whereIn('entity_ref', chunk).delete();
        await bumpReportRevision(tx, chunk);
      });
    }
  }
}
