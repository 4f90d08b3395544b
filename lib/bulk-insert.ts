import "server-only";
import { randomBytes } from "node:crypto";
import { Debug } from "@prisma/client/runtime/client";
import { clearLogs } from "@prisma/debug";
import { getDatabaseKind, type Tx } from "@/lib/db";
import type { Steps } from "@/lib/steps";

// Bulk inserts for imports: tens of thousands of rows (a 5 MB source has 76,000 passages and
// 62,000 search documents). Prisma's createMany compiles every value of every row into its query
// plan (11.7 s for the passages of 5 MB on SQLite); a raw multi-row VALUES with a parameter per
// value still spends most of its time turning the parameters over (1.8 s). Rows sent as one JSON
// array per batch, which the database unpacks itself (SQLite's json_each, PostgreSQL's
// jsonb_array_elements), take one parameter: 0.9 s on SQLite, 1.4 s on PostgreSQL for the same
// rows. The array goes as its UTF-8 bytes, which Prisma carries as base64: one byte a character
// in memory where a JSON string of prose with curly quotes takes two. See
// docs/decisions/0021-fast-imports.md.

/** A column a row gives a value for, with its PostgreSQL type (SQLite takes JSON values as they are). */
export type BulkColumn = readonly [name: string, postgresType: string];
/** A column with one value for every row of the insert (a source's id, the time of an import). */
export type SharedColumn = readonly [name: string, value: string | number | Date | null, postgresType: string];

export type BulkTarget = {
  table: string;
  /** What each row gives, in the order of its values. */
  columns: readonly BulkColumn[];
  shared?: readonly SharedColumn[];
};

/** A `createdAt` column set to now, as Prisma's @default(now()) would. */
export function createdNow(): SharedColumn {
  return ["createdAt", new Date(), "timestamp(3)"];
}

// A batch is sent once its JSON reaches this many bytes of UTF-8. Every statement costs about a
// millisecond in Prisma whatever its size, so batches are not tiny; but Prisma copies a
// statement's arguments several times while it runs, and copies of 128 KB or more are born in
// the old generation, where they pile up until a full collection (a 5 MB import peaked at
// 700 MB with 4 MB batches). Sent as base64 (4 characters for 3 bytes), 80 KB stays below that.
const BATCH_BYTES = 80_000;

type Batch = { statement: string; shared: unknown[]; rows: string[]; bytes: number };

/**
 * Writes rows into one or more tables in the caller's transaction, in batches of one statement
 * each. Each statement is sent before the next batch is made, so on PostgreSQL (a server on its
 * own core) the database stores one batch while this process folds and encodes the next, and
 * then, until the statement is done, does steps of any other work it was given (whileWaiting);
 * only one statement is under way at a time, as a transaction requires. With SQLite, in this
 * process, each statement is done when sent, and the other work runs at the end.
 */
export class BulkWriter {
  private readonly postgres = getDatabaseKind() === "postgres";
  private readonly batches = new Map<BulkTarget, Batch>();
  private inFlight: Promise<number> | undefined;
  private written = 0;
  private background: Steps<unknown> | undefined;

  constructor(private readonly tx: Tx) {}

  /** Runs these steps while statements are under way; finish() runs what is left. */
  whileWaiting(steps: Steps<unknown>): void {
    this.background = steps;
  }

  /** Adds a row (values in the order of `target.columns`); resolves at once unless a batch is sent. */
  add(target: BulkTarget, row: readonly unknown[]): Promise<void> | undefined {
    let batch = this.batches.get(target);
    if (!batch) {
      batch = {
        statement: insertStatement(target, this.postgres),
        shared: (target.shared ?? []).map(([, value]) => value),
        rows: [],
        bytes: 0,
      };
      this.batches.set(target, batch);
    }
    const encoded = JSON.stringify(row);
    batch.rows.push(encoded);
    batch.bytes += Buffer.byteLength(encoded) + 1;
    return batch.bytes >= BATCH_BYTES ? this.send(batch) : undefined;
  }

  /** Sends what is left and waits for every statement; returns the number of rows written. */
  async finish(): Promise<number> {
    for (const batch of this.batches.values()) await this.send(batch);
    await this.settle();
    while (this.background) this.backgroundStep();
    return this.written;
  }

  private backgroundStep(): void {
    if (this.background?.next().done) this.background = undefined;
  }

  /**
   * Sends a statement in turn, once the one under way is done, and returns without waiting for
   * it (a failure is thrown by the next call, or by finish()).
   */
  async execute(statement: string, ...values: unknown[]): Promise<void> {
    await this.settle();
    const sent = this.tx.$executeRawUnsafe(statement, ...values);
    // A Prisma promise runs once something waits on it: this starts it now, and keeps a failure
    // from being reported as unhandled before settle() rethrows it.
    sent.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight = sent;
    // Lets the statement leave (its way to the driver is a chain of promises) before the caller
    // goes on making the next batch.
    await nextTurn();
  }

  private async send(batch: Batch): Promise<void> {
    if (batch.rows.length === 0) return;
    const json = Buffer.from(`[${batch.rows.join(",")}]`);
    batch.rows = [];
    batch.bytes = 0;
    await this.execute(batch.statement, ...batch.shared, json);
  }

  private async settle(): Promise<void> {
    if (!this.inFlight) return;
    const inFlight = this.inFlight;
    this.inFlight = undefined;
    // Steps of the other work until the statement is done: each turn of the event loop lets the
    // driver read the database's answer.
    let done = false;
    const markDone = () => {
      done = true;
    };
    inFlight.then(markDone, markDone);
    while (!done && this.background) {
      this.backgroundStep();
      await nextTurn();
    }
    this.written += await inFlight;
    forgetQueryArguments();
  }
}

/** Resolves after pending input and output has been handled (a statement sent, an answer read). */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

// Prisma keeps the arguments of its last 100 debug calls, logging on or off (for its crash
// reports): in @prisma/debug, which the driver adapters log every query to, and in a copy bundled
// in the client runtime, which logs every request. Without forgetting them, every batch of an
// import and the source's text stay in memory until 100 more queries have run: 180 MB more at the
// end of a 5 MB import. The bundled copy can only be cleared by pushing its entries out.
const DEBUG_HISTORY = 100;
const pushOut = Debug("factcheck:bulk-insert");

/** Lets go of the arguments of the queries made so far (see above). */
function forgetQueryArguments(): void {
  clearLogs();
  for (let call = 0; call < DEBUG_HISTORY; call++) pushOut("-");
}

// Prisma hands each query to its WebAssembly compiler as one string, copied into WebAssembly
// memory character by character in JavaScript while they are ASCII and natively (TextEncoder)
// from the first one that is not. A batch is ASCII (base64), so a non-ASCII character at the head
// of the statement sends the whole batch the native way: 0.4 s less for a 5 MB import.
const NATIVE_COPY = "/* bulk — */ ";

function insertStatement(target: BulkTarget, postgres: boolean): string {
  const shared = target.shared ?? [];
  const names = [...shared.map(([name]) => name), ...target.columns.map(([name]) => name)];
  const sharedValues = shared.map(([, , type], index) => (postgres ? `$${index + 1}::${type}` : "?"));
  const rowValues = target.columns.map(([, type], index) =>
    postgres ? (type === "text" ? `r->>${index}` : `(r->>${index})::${type}`) : `value->>${index}`,
  );
  const columns = names.map((name) => `"${name}"`).join(", ");
  const values = [...sharedValues, ...rowValues].join(", ");
  // The rows come as the UTF-8 bytes of a JSON array (see BulkWriter.send).
  return postgres
    ? `${NATIVE_COPY}INSERT INTO "${target.table}" (${columns}) SELECT ${values} FROM jsonb_array_elements(convert_from($${shared.length + 1}, 'UTF8')::jsonb) AS r`
    : `${NATIVE_COPY}INSERT INTO "${target.table}" (${columns}) SELECT ${values} FROM json_each(CAST(? AS TEXT))`;
}

// Long texts (a source's 5 MB) are sent this many characters at a time (see writeLongText): as
// UTF-8 in base64, like the batches, a piece of prose stays below 128 KB.
const TEXT_PIECE = 60_000;

/**
 * Writes a long text into a column of one row, sent in pieces. Prisma compiles every query in
 * WebAssembly, whose memory grows to hold the largest query's arguments (several times over) and
 * never shrinks again: one 5 MB source's texts in one statement keep 60 MB more for the life of
 * the process. The pieces are gathered in a temporary table and joined once: appending them to
 * the column one by one would write the growing text again each time (PostgreSQL compresses it
 * again too: 1.1 s for a 5 MB source's two texts). Pieces never split a surrogate pair.
 */
export async function writeLongText(
  writer: BulkWriter,
  target: { table: string; column: string; id: string },
  text: string,
): Promise<void> {
  if (text === "") return;
  const postgres = getDatabaseKind() === "postgres";
  // PostgreSQL drops the table when the transaction ends; SQLite keeps it, empty, on the connection.
  await writer.execute(
    postgres
      ? `CREATE TEMPORARY TABLE IF NOT EXISTS "factcheck_long_text" ("n" integer NOT NULL, "piece" text NOT NULL) ON COMMIT DROP`
      : `CREATE TEMPORARY TABLE IF NOT EXISTS "factcheck_long_text" ("n" INTEGER NOT NULL, "piece" TEXT NOT NULL)`,
  );
  // Stored as they come: compressing each piece would be wasted work.
  if (postgres) await writer.execute(`ALTER TABLE "factcheck_long_text" ALTER COLUMN "piece" SET STORAGE EXTERNAL`);
  const insert = postgres
    ? `${NATIVE_COPY}INSERT INTO "factcheck_long_text" ("n", "piece") VALUES ($1, convert_from($2, 'UTF8'))`
    : `${NATIVE_COPY}INSERT INTO "factcheck_long_text" ("n", "piece") VALUES (?, CAST(? AS TEXT))`;
  for (let start = 0, n = 0; start < text.length; n++) {
    let end = Math.min(text.length, start + TEXT_PIECE);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    await writer.execute(insert, n, Buffer.from(text.slice(start, end)));
    start = end;
  }
  const column = `"${target.column}"`;
  // PostgreSQL compresses a long text with pglz unless told otherwise; lz4, where the server has
  // it, takes a fifth of the time (50 against 250 ms for 5 MB), for this statement only.
  if (postgres)
    await writer.execute(
      `SELECT set_config('default_toast_compression', CASE WHEN 'lz4' = ANY("enumvals") THEN 'lz4' ELSE "setting" END, true) FROM "pg_settings" WHERE "name" = 'default_toast_compression'`,
    );
  await writer.execute(
    postgres
      ? `UPDATE "${target.table}" SET ${column} = (SELECT string_agg("piece", '' ORDER BY "n") FROM "factcheck_long_text") WHERE "id" = $1`
      : `UPDATE "${target.table}" SET ${column} = (SELECT group_concat("piece", '' ORDER BY "n") FROM "factcheck_long_text") WHERE "id" = ?`,
    target.id,
  );
  if (postgres) await writer.execute("RESET default_toast_compression");
  await writer.execute(`DELETE FROM "factcheck_long_text"`);
}

// Ids in the shape Prisma's cuid() gives them ("c" and 24 lower-case letters or digits, see
// lib/claims/refs.ts), made here because a bulk insert does not go through Prisma's defaults:
// the time in milliseconds (8 characters), a counter (4) and 12 random characters.
const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
const RANDOM_POOL = 12 * 4096;
let pool: Buffer = Buffer.alloc(0);
let poolAt = 0;
let counter = 0;

/** A new id of the shape cuid() makes, unique without asking the database. */
export function newId(): string {
  if (poolAt + 12 > pool.length) {
    pool = randomBytes(RANDOM_POOL);
    poolAt = 0;
  }
  counter = (counter + 1) % 36 ** 4;
  let random = "";
  for (let index = 0; index < 12; index++) random += ALPHABET[pool[poolAt++]! % 36];
  return `c${Date.now().toString(36).padStart(8, "0").slice(-8)}${counter.toString(36).padStart(4, "0")}${random}`;
}
