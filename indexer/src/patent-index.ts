import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Client, estypes } from '@elastic/elasticsearch';
import { indexNames } from '@panhuo/api/infra/elasticsearch';

const require = createRequire(import.meta.url);

/** mappings/patents.json: the one source of truth for the index's settings and mappings. */
export function loadPatentMapping(): { settings: estypes.IndicesIndexSettings; mappings: estypes.MappingTypeMapping } {
  return JSON.parse(readFileSync(require.resolve('@panhuo/mappings/patents.json'), 'utf8'));
}

/** Names a new versioned index: sortable by creation time, unique even when two start in one second. */
export function newIndexName(prefix: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return indexNames(prefix).patentsVersioned(`${stamp}-${randomBytes(2).toString('hex')}`);
}

/** Creates a versioned patents index; `bulkLoad` turns refresh off while a reindex fills it. */
export async function createPatentIndex(es: Client, index: string, opts: { bulkLoad: boolean }): Promise<void> {
  const { settings, mappings } = loadPatentMapping();
  await es.indices.create({
    index,
    settings: { ...settings, ...(opts.bulkLoad ? { refresh_interval: '-1' } : {}) },
    mappings,
  });
}

/** Indices the alias points at now (none when it does not exist). */
export async function aliasTargets(es: Client, alias: string): Promise<string[]> {
  const exists = await es.indices.existsAlias({ name: alias });
  if (!exists) return [];
  return Object.keys(await es.indices.getAlias({ name: alias }));
}

/**
 * Makes sure the patents alias exists (an empty versioned index behind it on a fresh node).
 * Idempotent; returns the alias name.
 */
export async function ensurePatentIndex(es: Client, prefix: string): Promise<string> {
  const alias = indexNames(prefix).patents;
  if ((await aliasTargets(es, alias)).length > 0) return alias;
  const index = newIndexName(prefix);
  await createPatentIndex(es, index, { bulkLoad: false });
  try {
    await es.indices.updateAliases({ actions: [{ add: { index, alias, is_write_index: true } }] });
  } catch (err) {
    // Another process created the alias first: keep theirs.
    await es.indices.delete({ index, ignore_unavailable: true });
    if ((await aliasTargets(es, alias)).length === 0) throw err;
  }
  return alias;
}

/** `_meta.version` of mappings/patents.json: bumped whenever a change needs the documents reindexed. */
export function patentMappingVersion(): number {
  const meta = loadPatentMapping().mappings._meta as { version?: number } | undefined;
  return meta?.version ?? 0;
}

/** `_meta.version` of the mapping behind the alias (0 when there is no index or no version). */
export async function servingMappingVersion(es: Client, alias: string): Promise<number> {
  const [index] = await aliasTargets(es, alias);
  if (!index) return 0;
  const res = await es.indices.getMapping({ index });
  const meta = res[index]?.mappings._meta as { version?: number } | undefined;
  return meta?.version ?? 0;
}

/** Points the alias at `index` and away from every other index in one atomic request; returns the old ones. */
export async function swapAlias(es: Client, alias: string, index: string): Promise<string[]> {
  const old = (await aliasTargets(es, alias)).filter((name) => name !== index);
  await es.indices.updateAliases({
    actions: [
      ...old.map((name) => ({ remove: { index: name, alias } })),
      { add: { index, alias, is_write_index: true } },
    ],
  });
  return old;
}
