import "server-only";
import { type Db, getDatabaseKind } from "@/lib/db";
import { nameKey } from "@/lib/people/names";
import { rescanSource } from "@/lib/people/rescan";
import { indexClaim, indexPassages, indexPerson, indexSource, spanKey } from "./documents";
import { searchText } from "./text";

/**
 * The version of the folding in lib/search/text.ts and lib/people/names.ts. Stored keys and
 * indexed text are only comparable with queries folded the same way: bump this whenever
 * either changes, and the next start re-folds what is stored.
 */
export const SEARCH_KEY_VERSION = "3";
/** The Setting row that records which SEARCH_KEY_VERSION the stored keys and index were folded with. */
export const SEARCH_KEY_VERSION_SETTING = "search.keyVersion";
const BATCH = 1000;

async function missing(db: Db, table: "Claim" | "Source" | "Person", kind: string): Promise<string[]> {
  // A claim merged into another left the index with the merge (lib/claims/merge.ts): not missing.
  const merged = table === "Claim" ? ` AND t."mergedIntoId" IS NULL` : "";
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT t."id" AS id FROM "${table}" t LEFT JOIN "SearchDocument" d ON d."kind" = ${getDatabaseKind() === "postgres" ? "$1" : "?"} AND d."refId" = t."id" WHERE d."id" IS NULL${merged}`,
    kind,
  );
  return rows.map((row) => row.id);
}

/**
 * Brings the search index, name keys and mentions up to date with the data (run at start):
 * documents for anything stored before search existed, and everything re-folded and
 * re-detected once after the folding changed. Writes are the derived data only.
 */
export async function ensureSearchIndex(
  db: Db,
  log: (line: string) => void = () => {},
): Promise<{ indexed: number; refolded: number; rescanned: number }> {
  const result = { indexed: 0, refolded: 0, rescanned: 0 };
  const stored = await db.setting.findUnique({ where: { key: SEARCH_KEY_VERSION_SETTING } });

  for (const id of await missing(db, "Claim", "claim")) {
    const claim = await db.claim.findUniqueOrThrow({
      where: { id },
      select: { id: true, statement: true, status: true },
    });
    await db.$transaction((tx) => indexClaim(tx, claim));
    result.indexed++;
  }
  for (const id of await missing(db, "Source", "source")) {
    const source = await db.source.findUniqueOrThrow({
      where: { id },
      select: {
        id: true,
        title: true,
        publisher: true,
        authors: { orderBy: { position: "asc" }, select: { name: true } },
      },
    });
    // A replaced version's passages are not offered: search and suggestions show the newest version.
    const passages = await db.passage.findMany({
      where: { sourceId: id, source: { supersededAt: null } },
      select: { id: true, sourceId: true, kind: true, text: true, start: true, end: true },
    });
    const sentenceSpans = new Set(passages.filter((passage) => passage.kind === "sentence").map(spanKey));
    await db.$transaction(async (tx) => {
      await indexSource(tx, {
        id,
        title: source.title,
        publisher: source.publisher,
        authors: source.authors.map((author) => author.name),
      });
      await tx.searchDocument.deleteMany({ where: { kind: "passage", sourceId: id } });
      await indexPassages(tx, passages, sentenceSpans);
    });
    result.indexed += 1 + passages.length;
  }
  for (const id of await missing(db, "Person", "person")) {
    await db.$transaction((tx) => indexPerson(tx, id));
    result.indexed++;
  }
  if (result.indexed > 0) log(`search index: added ${result.indexed} document(s)`);

  if (stored?.value === SEARCH_KEY_VERSION) return result;

  const aliases = await db.personAlias.findMany({ select: { id: true, name: true, key: true } });
  for (const alias of aliases) {
    const key = nameKey(alias.name);
    if (key !== alias.key) await db.personAlias.update({ where: { id: alias.id }, data: { key } });
  }
  for (let cursor: string | undefined; ; ) {
    const rows = await db.searchDocument.findMany({
      where: cursor ? { id: { gt: cursor } } : {},
      orderBy: { id: "asc" },
      take: BATCH,
      select: { id: true, text: true, folded: true },
    });
    if (rows.length === 0) break;
    cursor = rows[rows.length - 1]!.id;
    const changed = rows
      .map((row) => ({ id: row.id, folded: searchText(row.text) }))
      .filter((row, index) => row.folded !== rows[index]!.folded);
    if (changed.length > 0)
      await db.$transaction(
        changed.map((row) => db.searchDocument.update({ where: { id: row.id }, data: { folded: row.folded } })),
      );
    result.refolded += changed.length;
  }
  if (result.refolded > 0) log(`search index: re-folded ${result.refolded} document(s)`);

  // Mentions and name suggestions follow the keys; human decisions are kept.
  const sources = await db.source.findMany({ select: { id: true } });
  for (const { id } of sources) {
    await db.$transaction((tx) => rescanSource(tx, id));
    result.rescanned++;
  }
  if (result.rescanned > 0) log(`people: scanned ${result.rescanned} source(s) for mentions`);
  await db.setting.upsert({
    where: { key: SEARCH_KEY_VERSION_SETTING },
    create: { key: SEARCH_KEY_VERSION_SETTING, value: SEARCH_KEY_VERSION },
    update: { value: SEARCH_KEY_VERSION },
  });
  return result;
}
