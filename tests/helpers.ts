import { isDeepStrictEqual } from "node:util";
import { type DatabaseKind, type Db, getDatabaseKind, getDb } from "@/lib/db";

export const TABLES = [
  "CacheGeneration",
  "SearchDocument",
  "PersonMention",
  "PersonSuggestion",
  "SignInAttempt",
  "RateLimitEvent",
  "Setting",
  "Invitation",
  "MatrixMark",
  "QuestionClaim",
  "Question",
  "Comment",
  "AuditEvent",
  "Revision",
  "ConfidenceVoteHistory",
  "VoteEvidence",
  "ConfidenceVote",
  "EvidenceRatingHistory",
  "EvidenceRating",
  "SourceRatingHistory",
  "SourceRating",
  "EvidenceReanchor",
  "Evidence",
  "EvidenceOrigin",
  "ClaimPerson",
  "ClaimRelation",
  "Claim",
  "PersonAlias",
  "Person",
  "Passage",
  "SourceAuthor",
  "Source",
  "Account",
  "Session",
  "VerificationToken",
  "User",
] as const;

export function db(): Db {
  return getDb();
}

/** Empties every table so each test starts from a clean database. */
export async function resetDatabase(): Promise<void> {
  const client = getDb();
  if (getDatabaseKind() === "postgres") {
    await client.$executeRawUnsafe(`TRUNCATE ${TABLES.map((table) => `"${table}"`).join(", ")} CASCADE`);
  } else {
    await client.$transaction(TABLES.map((table) => client.$executeRawUnsafe(`DELETE FROM "${table}"`)));
  }
}

export type TableName = (typeof TABLES)[number];
export type Row = Record<string, unknown>;
/** Every row of every table, each table's rows ordered by primary key. */
export type TableSnapshot = Record<TableName, Row[]>;

type TableShape = { select: string; key: string[] };
const shapes = new Map<string, TableShape>();

/**
 * How to read a table whole: its columns (PostgreSQL's tsvector and enums cast to text, which
 * the driver cannot read raw) and its primary key (every column when it has none).
 */
async function tableShape(client: Db, kind: DatabaseKind, table: TableName): Promise<TableShape> {
  const known = shapes.get(`${kind}:${table}`);
  if (known) return known;
  const columns =
    kind === "postgres"
      ? await client.$queryRawUnsafe<{ name: string; type: string; pk: number | bigint }[]>(
          `SELECT c.column_name::text AS name, c.data_type::text AS type,
                  COALESCE((SELECT k.position
                              FROM pg_index i
                              CROSS JOIN unnest(i.indkey) WITH ORDINALITY AS k(attnum, position)
                              JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                             WHERE i.indrelid = format('%I.%I', c.table_schema, c.table_name)::regclass
                               AND i.indisprimary AND a.attname = c.column_name), 0)::int AS pk
             FROM information_schema.columns c
            WHERE c.table_schema = current_schema() AND c.table_name = $1
            ORDER BY c.ordinal_position`,
          table,
        )
      : await client.$queryRawUnsafe<{ name: string; type: string; pk: number | bigint }[]>(
          `SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid`,
          table,
        );
  if (columns.length === 0) throw new Error(`tableSnapshot: table "${table}" has no columns (or does not exist)`);
  const asText = new Set(["tsvector", "tsquery", "USER-DEFINED"]);
  const select = columns
    .map(({ name, type }) => (asText.has(type) ? `"${name}"::text AS "${name}"` : `"${name}"`))
    .join(", ");
  const primary = columns.filter((column) => Number(column.pk) > 0).sort((a, b) => Number(a.pk) - Number(b.pk));
  const shape = { select, key: (primary.length > 0 ? primary : columns).map((column) => column.name) };
  shapes.set(`${kind}:${table}`, shape);
  return shape;
}

// The same value reads back as a Date, a bigint or a Buffer depending on the database and
// driver; plain strings and numbers compare cleanly with toEqual and print readable diffs.
function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : `${value}n`;
  if (value instanceof Uint8Array) return `bytes:${Buffer.from(value).toString("base64")}`;
  return value;
}

const compareKeys = (a: unknown[], b: unknown[]): number => {
  for (let index = 0; index < a.length; index++) {
    const [left, right] = [String(a[index]), String(b[index])];
    if (left !== right) return left < right ? -1 : 1;
  }
  return 0;
};

/**
 * The content of every table: all rows and all column values (secret columns such as
 * password hashes included, since raw SQL bypasses the client's defaults). Compare a
 * snapshot taken before with one taken after to prove that nothing was written; row
 * counts alone would miss an UPDATE. Of the test's database unless another client (and its
 * kind) is given.
 */
export async function tableSnapshot(
  client: Db = getDb(),
  kind: DatabaseKind = getDatabaseKind(),
): Promise<TableSnapshot> {
  const snapshot = {} as TableSnapshot;
  for (const table of TABLES) {
    // The cached reads' token changes with every write: comparing it would only repeat the other tables.
    if (table === "CacheGeneration") {
      snapshot[table] = [];
      continue;
    }
    const { select, key } = await tableShape(client, kind, table);
    const rows = (await client.$queryRawUnsafe<Row[]>(`SELECT ${select} FROM "${table}"`)).map((row) =>
      Object.fromEntries(Object.entries(row).map(([column, value]) => [column, normalise(value)])),
    );
    // Sorted here rather than by ORDER BY so both databases use the same (code point) order.
    snapshot[table] = rows.sort((a, b) =>
      compareKeys(
        key.map((column) => a[column]),
        key.map((column) => b[column]),
      ),
    );
  }
  return snapshot;
}

/** The tables whose content differs between two snapshots, in alphabetical order. */
export function changedTables(before: TableSnapshot, after: TableSnapshot): TableName[] {
  return TABLES.filter((table) => !isDeepStrictEqual(before[table], after[table])).sort();
}
