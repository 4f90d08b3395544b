import "server-only";
import { type Db, getDatabaseKind } from "@/lib/db";
import { type ParsedQuery, phraseOf, phrasesToCheck, type QueryTerm, toFts5, toTsquery } from "./query";
import type { DocumentKind } from "./schemas";

export type DocumentQuery = {
  query: ParsedQuery;
  /** Groups of alternatives, each group required (a person: any of their spellings). */
  anyOf?: QueryTerm[][];
  kinds: readonly DocumentKind[];
  sourceId?: string;
  /** Passage kinds to include (paragraph, sentence, selection); all when absent. */
  passageKinds?: readonly string[];
  /** Claim statuses everyone may read, plus claims by this author; null: every claim. */
  claimVisibility: { statuses: readonly string[]; authorId: string | null } | null;
  /** How many matches are ranked (RANK_WINDOW unless given). */
  rankWindow?: number;
  /** false: the matches unscored, for a caller that ranks them itself (scoring many-term queries is costly). */
  ranked?: boolean;
  /** Document ids never to return (passages already cited, say), as ref ids. */
  excludeRefIds?: readonly string[];
  /** true: each hit carries what a results page shows of its passage, claim, person or source, read in the same query. */
  details?: boolean;
  limit: number;
  offset: number;
};

export type DocumentHit = {
  kind: DocumentKind;
  refId: string;
  sourceId: string | null;
  subKind: string | null;
  text: string;
  /** The text as indexed (lib/search/text.ts): its words' keys, in order. */
  folded: string;
  /** Higher is better; comparable only within one search. */
  score: number;
  exactPhrase: boolean;
  /** With `details`: the row the document stands for, or null when it is gone (deleted since it was indexed). */
  details?: DocumentDetails | null;
};

export type DocumentDetails =
  | { kind: "passage"; passageKind: string; start: number; end: number; sourceId: string; sourceTitle: string }
  | { kind: "claim"; slug: string; status: string; statement: string; mergedIntoId: string | null }
  | { kind: "person"; slug: string; name: string }
  | { kind: "source"; title: string };

// Counting every match of a very common word costs more than the page itself; past this the
// total is reported as "at least".
export const TOTAL_CAP = 1000;
// A word in a fifth of a million passages has 200,000 matches; scoring them all takes longer than a
// page may. Results are ranked within this many matches (all of them for any query narrower than that).
export const RANK_WINDOW = 2000;

type Row = {
  kind: string;
  refId: string;
  sourceId: string | null;
  subKind: string | null;
  text: string;
  folded: string;
  score: number | string;
};

/** The columns `details` adds, from the joins below; null where the kind does not match or the row is gone. */
type DetailRow = {
  passageKind: string | null;
  passageStart: number | bigint | null;
  passageEnd: number | bigint | null;
  passageSourceId: string | null;
  passageSourceTitle: string | null;
  claimSlug: string | null;
  claimStatus: string | null;
  claimStatement: string | null;
  claimMergedIntoId: string | null;
  personSlug: string | null;
  personName: string | null;
  sourceTitle: string | null;
};

const DETAIL_COLUMNS = `p."kind" AS "passageKind", p."start" AS "passageStart", p."end" AS "passageEnd",
       p."sourceId" AS "passageSourceId", ps."title" AS "passageSourceTitle",
       c."slug" AS "claimSlug", c."status" AS "claimStatus", c."statement" AS "claimStatement",
       c."mergedIntoId" AS "claimMergedIntoId",
       pe."slug" AS "personSlug", pe."name" AS "personName", s."title" AS "sourceTitle"`;

// Joined to a page of hits only (at most a page's rows), each by primary key.
const DETAIL_JOINS = `LEFT JOIN "Passage" p ON page."kind" = 'passage' AND p."id" = page."refId"
  LEFT JOIN "Source" ps ON ps."id" = p."sourceId"
  LEFT JOIN "Claim" c ON page."kind" = 'claim' AND c."id" = page."refId"
  LEFT JOIN "Person" pe ON page."kind" = 'person' AND pe."id" = page."refId"
  LEFT JOIN "Source" s ON page."kind" = 'source' AND s."id" = page."refId"`;

function detailsOf(row: Row & DetailRow): DocumentDetails | null {
  switch (row.kind) {
    case "passage":
      return row.passageKind !== null && row.passageSourceId !== null && row.passageSourceTitle !== null
        ? {
            kind: "passage",
            passageKind: row.passageKind,
            start: Number(row.passageStart),
            end: Number(row.passageEnd),
            sourceId: row.passageSourceId,
            sourceTitle: row.passageSourceTitle,
          }
        : null;
    case "claim":
      return row.claimSlug !== null && row.claimStatus !== null && row.claimStatement !== null
        ? {
            kind: "claim",
            slug: row.claimSlug,
            status: row.claimStatus,
            statement: row.claimStatement,
            mergedIntoId: row.claimMergedIntoId,
          }
        : null;
    case "person":
      return row.personSlug !== null && row.personName !== null
        ? { kind: "person", slug: row.personSlug, name: row.personName }
        : null;
    case "source":
      return row.sourceTitle !== null ? { kind: "source", title: row.sourceTitle } : null;
    default:
      return null;
  }
}

/** A tiny SQL builder that numbers parameters the way each database wants them. */
/** Raw SQL parameters for either database ("?" for SQLite, "$n" for PostgreSQL), in text order. */
export class Sql {
  readonly params: unknown[] = [];
  constructor(private readonly postgres: boolean) {}
  param(value: unknown): string {
    this.params.push(value);
    return this.postgres ? `$${this.params.length}` : "?";
  }
  list(values: readonly unknown[]): string {
    return values.map((value) => this.param(value)).join(", ");
  }
}

function filters(sql: Sql, input: DocumentQuery): string[] {
  const where = [`d."kind" IN (${sql.list(input.kinds)})`];
  if (input.sourceId) where.push(`d."sourceId" = ${sql.param(input.sourceId)}`);
  if (input.passageKinds) where.push(`(d."kind" <> 'passage' OR d."subKind" IN (${sql.list(input.passageKinds)}))`);
  if (input.excludeRefIds && input.excludeRefIds.length > 0)
    where.push(`d."refId" NOT IN (${sql.list(input.excludeRefIds)})`);
  if (input.claimVisibility) {
    const { statuses, authorId } = input.claimVisibility;
    const readable = [`c."status" IN (${sql.list(statuses)})`];
    if (authorId) readable.push(`c."authorId" = ${sql.param(authorId)}`);
    where.push(`(d."kind" <> 'claim' OR ${readable.join(" OR ")})`);
  }
  return where;
}

/**
 * Ranked documents matching a query. SQLite: the FTS5 table with bm25. PostgreSQL: the
 * generated tsvector with ts_rank_cd. Either way, documents holding the query's words as one
 * exact phrase come first.
 */
export async function findDocuments(
  db: Db,
  input: DocumentQuery,
): Promise<{ hits: DocumentHit[]; total: number; totalIsCapped: boolean }> {
  const postgres = getDatabaseKind() === "postgres";
  const sql = new Sql(postgres);
  // Parameters in the order they appear in the text (SQLite binds "?" by position).
  let from: string;
  let matchSql: string;
  let scoreSql: string;
  if (postgres) {
    from = `"SearchDocument" d CROSS JOIN to_tsquery('simple', ${sql.param(toTsquery(input.query, input.anyOf))}) q`;
    matchSql = `d."tsv" @@ q`;
    scoreSql = `ts_rank_cd(d."tsv", q, 1)`;
  } else {
    // CROSS JOIN fixes the order in SQLite: the full-text match drives, never a scan of an index on kind.
    from = `"SearchDocumentFts" f CROSS JOIN "SearchDocument" d ON d.rowid = f.rowid`;
    matchSql = `"SearchDocumentFts" MATCH ${sql.param(toFts5(input.query, input.anyOf, { kinds: input.kinds.includes("passage") ? undefined : input.kinds, sourceId: input.sourceId }))}`;
    // bm25 is lower-is-better; negated so both backends rank higher-is-better.
    scoreSql = `-bm25("SearchDocumentFts", 1.0, 0.0, 0.0)`;
  }
  from += ` LEFT JOIN "Claim" c ON d."kind" = 'claim' AND c."id" = d."refId"`;
  const conditions = [matchSql, ...filters(sql, input)];
  for (const phrase of phrasesToCheck(input.query)) {
    const padded = sql.param(` ${phrase} `);
    conditions.push(
      postgres
        ? `position(${padded} in ' ' || d."folded" || ' ') > 0`
        : `instr(' ' || d."folded" || ' ', ${padded}) > 0`,
    );
  }
  // A sentence and the paragraph holding it are one place in the text: when both match, the sentence
  // stands for it (as a paragraph that is one sentence is indexed only as the sentence). Left out in
  // SQL, so pages and totals count each place once.
  const bothLevels = ["sentence", "paragraph"].every(
    (kind) => !input.passageKinds || input.passageKinds.includes(kind),
  );
  if (input.kinds.includes("passage") && bothLevels) {
    const sentenceMatches = [
      postgres
        ? `s."tsv" @@ q`
        : // Asked of one row at a time (FTS5 seeks the row in each term's list): as a list of every
          // match, SQLite built it again for each paragraph, seconds for a common word in a big library.
          `EXISTS (SELECT 1 FROM "SearchDocumentFts" f2 WHERE "SearchDocumentFts" MATCH ${sql.param(toFts5(input.query, input.anyOf, { sourceId: input.sourceId }))} AND f2.rowid = s.rowid)`,
    ];
    for (const phrase of phrasesToCheck(input.query)) {
      const padded = sql.param(` ${phrase} `);
      sentenceMatches.push(
        postgres
          ? `position(${padded} in ' ' || s."folded" || ' ') > 0`
          : `instr(' ' || s."folded" || ' ', ${padded}) > 0`,
      );
    }
    if (input.excludeRefIds && input.excludeRefIds.length > 0)
      sentenceMatches.push(`s."refId" NOT IN (${sql.list(input.excludeRefIds)})`);
    conditions.push(
      `NOT (d."kind" = 'passage' AND d."subKind" = 'paragraph' AND EXISTS (
         SELECT 1 FROM "Passage" pp
           JOIN "Passage" ps ON ps."sourceId" = pp."sourceId" AND ps."kind" = 'sentence'
                            AND ps."start" >= pp."start" AND ps."start" < pp."end" AND ps."end" <= pp."end"
           JOIN "SearchDocument" s ON s."kind" = 'passage' AND s."refId" = ps."id"
          WHERE pp."id" = d."refId" AND ${sentenceMatches.join(" AND ")}))`,
    );
  }
  if (input.ranked === false) scoreSql = "0";
  const where = conditions.join(" AND ");
  const filterParams = [...sql.params];

  // Ranked among a bounded window of matches: the newest on SQLite, the first found on PostgreSQL.
  const window = `SELECT d."kind" AS "kind", d."refId" AS "refId", d."sourceId" AS "sourceId", d."subKind" AS "subKind", d."text" AS "text",
            d."folded" AS "folded", d."id" AS "id", ${scoreSql} AS "score"
       FROM ${from}
      WHERE ${where}
      ${postgres ? "" : "ORDER BY f.rowid DESC"} LIMIT ${Math.max(1, Math.min(input.rankWindow ?? RANK_WINDOW, RANK_WINDOW))}`;

  const phrase = phraseOf(input.query);
  // No phrase: nothing to order by first (a bare 0 would read as a column number in SQLite).
  const exactFirst = (alias: string) => {
    if (!phrase) return "";
    const padded = sql.param(` ${phrase} `);
    return postgres
      ? `(position(${padded} in ' ' || ${alias}."folded" || ' ') > 0) DESC, `
      : `(instr(' ' || ${alias}."folded" || ' ', ${padded}) > 0) DESC, `;
  };
  // The window's size comes with the page: every match when there are fewer than the window holds.
  let pageSql = `SELECT m.*, count(*) OVER () AS "windowSize" FROM (${window}) m
      ORDER BY ${exactFirst("m")}m."score" DESC, m."id"
      LIMIT ${sql.param(input.limit)} OFFSET ${sql.param(input.offset)}`;
  // What a results page shows of each hit, joined in the same statement: a search is one round trip.
  if (input.details)
    pageSql = `SELECT page.*, ${DETAIL_COLUMNS} FROM (${pageSql}) page ${DETAIL_JOINS}
      ORDER BY ${exactFirst("page")}page."score" DESC, page."id"`;
  const rows = await db.$queryRawUnsafe<(Row & Partial<DetailRow> & { windowSize: number | bigint })[]>(
    pageSql,
    ...sql.params,
  );
  let total = Number(rows[0]?.windowSize ?? 0);
  if (rows.length === 0 && input.offset > 0) {
    // Past the last page: the total, counted up to a cap under the same conditions.
    const countSql = new Sql(postgres);
    countSql.params.push(...filterParams);
    const counted = await db.$queryRawUnsafe<{ n: number | bigint }[]>(
      `SELECT count(*) AS "n" FROM (SELECT 1 FROM ${from} WHERE ${where} LIMIT ${countSql.param(TOTAL_CAP + 1)}) capped`,
      ...countSql.params,
    );
    total = Number(counted[0]?.n ?? 0);
  }

  return {
    hits: rows.map((row) => ({
      kind: row.kind as DocumentKind,
      refId: row.refId,
      sourceId: row.sourceId,
      subKind: row.subKind,
      text: row.text,
      folded: row.folded,
      score: Number(row.score),
      exactPhrase: phrase !== undefined && ` ${row.folded} `.includes(` ${phrase} `),
      ...(input.details ? { details: detailsOf(row as Row & DetailRow) } : {}),
    })),
    total: Math.min(total, TOTAL_CAP),
    totalIsCapped: total > TOTAL_CAP,
  };
}

/** The sources with at least one passage holding any of these (already keyed) phrases. */
export async function sourcesMatching(db: Db, phrases: string[]): Promise<string[]> {
  if (phrases.length === 0) return [];
  const postgres = getDatabaseKind() === "postgres";
  const sql = new Sql(postgres);
  const group: QueryTerm[] = phrases.map((phrase) => {
    const words = phrase.split(" ").filter(Boolean);
    return { words, prefix: false, phrase: words.length > 1 };
  });
  const empty: ParsedQuery = { terms: [] };
  const rows = postgres
    ? await db.$queryRawUnsafe<{ sourceId: string }[]>(
        `SELECT DISTINCT d."sourceId" AS "sourceId" FROM "SearchDocument" d WHERE d."kind" = 'passage' AND d."tsv" @@ to_tsquery('simple', ${sql.param(toTsquery(empty, [group]))})`,
        ...sql.params,
      )
    : await db.$queryRawUnsafe<{ sourceId: string }[]>(
        `SELECT DISTINCT d."sourceId" AS "sourceId" FROM "SearchDocumentFts" f JOIN "SearchDocument" d ON d.rowid = f.rowid WHERE d."kind" = 'passage' AND "SearchDocumentFts" MATCH ${sql.param(toFts5(empty, [group]))}`,
        ...sql.params,
      );
  return rows.map((row) => row.sourceId).filter(Boolean);
}
