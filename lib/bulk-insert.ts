import "server-only";
import { randomBytes } from "node:crypto";
import { getDatabaseKind, type Tx } from "@/lib/db";
import { type DirectConnection, directConnection } from "@/lib/direct-sql";
import type { Steps } from "@/lib/steps";

// Bulk inserts for imports: tens of thousands of rows (a 5 MB source has 76,000 passages and
// 62,000 search documents). Prisma's createMany compiles every value of every row into its query
// plan (11.7 s for the passages of 5 MB on SQLite); a raw multi-row VALUES with a parameter per
// value still spends most of its time turning the parameters over (1.8 s). Rows go as one JSON
// array per batch, which the database unpacks itself (SQLite's json_each, PostgreSQL's
// jsonb_array_elements), in one parameter, and straight to the transaction's connection
// (lib/direct-sql.ts): Prisma copies every raw statement's arguments through its WebAssembly
// query compiler, which took longer than the database's own work. See
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

// A batch is sent once its JSON reaches this many characters: large enough that a statement's
// own cost is spread over hundreds of rows, small enough that a batch is not kept for long.
const BATCH_CHARACTERS = 64_000;

type Batch = { statement: string; shared: unknown[]; rows: string[]; characters: number };

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
  private connection: Promise<DirectConnection | undefined> | undefined;
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
        characters: 0,
      };
      this.batches.set(target, batch);
    }
    const encoded = JSON.stringify(row);
    batch.rows.push(encoded);
    batch.characters += encoded.length + 1;
    return batch.characters >= BATCH_CHARACTERS ? this.send(batch) : undefined;
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
   * it (a failure is thrown by the next call, or by finish()). Outside an interactive
   * transaction, the statement goes through Prisma.
   */
  async execute(statement: string, ...values: unknown[]): Promise<void> {
    await this.settle();
    this.connection ??= directConnection(this.tx);
    const connection = await this.connection;
    const parameters = values.map((value) => (value instanceof Date ? databaseTime(value) : value));
    const sent = connection
      ? connection.execute(statement, parameters)
      : Promise.resolve(this.tx.$executeRawUnsafe(statement, ...parameters));
    // Keeps a failure from being reported as unhandled before settle() rethrows it.
    sent.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight = sent;
    // Lets the statement leave before the caller goes on making the next batch.
    await nextTurn();
  }

  private async send(batch: Batch): Promise<void> {
    if (batch.rows.length === 0) return;
    const json = `[${batch.rows.join(",")}]`;
    batch.rows = [];
    batch.characters = 0;
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
  }
}

/** Resolves after pending input and output has been handled (a statement sent, an answer read). */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A time as Prisma stores a DateTime: in UTC, with milliseconds (PostgreSQL's `timestamp(3)`
 * ignores the offset, SQLite keeps the text as Prisma writes it).
 */
function databaseTime(time: Date): string {
  return time.toISOString().replace("Z", "+00:00");
}

function insertStatement(target: BulkTarget, postgres: boolean): string {
  const shared = target.shared ?? [];
  const names = [...shared.map(([name]) => name), ...target.columns.map(([name]) => name)];
  const sharedValues = shared.map(([, , type], index) => (postgres ? `$${index + 1}::${type}` : "?"));
  const rowValues = target.columns.map(([, type], index) =>
    postgres ? (type === "text" ? `r->>${index}` : `(r->>${index})::${type}`) : `value->>${index}`,
  );
  const columns = names.map((name) => `"${name}"`).join(", ");
  const values = [...sharedValues, ...rowValues].join(", ");
  // The rows come as one JSON array (see BulkWriter.send).
  return postgres
    ? `INSERT INTO "${target.table}" (${columns}) SELECT ${values} FROM jsonb_array_elements($${shared.length + 1}::jsonb) AS r`
    : `INSERT INTO "${target.table}" (${columns}) SELECT ${values} FROM json_each(?)`;
}

/**
 * Writes a long text (a source's 5 MB) into a column of one row, in the writer's turn. On
 * PostgreSQL it is compressed with lz4 where the server has it: a fifth of pglz's time (50
 * against 250 ms for 5 MB), for this statement only.
 */
export async function writeLongText(
  writer: BulkWriter,
  target: { table: string; column: string; id: string },
  text: string,
): Promise<void> {
  if (text === "") return;
  const postgres = getDatabaseKind() === "postgres";
  const column = `"${target.column}"`;
  if (postgres)
    await writer.execute(
      `SELECT set_config('default_toast_compression', CASE WHEN 'lz4' = ANY("enumvals") THEN 'lz4' ELSE "setting" END, true) FROM "pg_settings" WHERE "name" = 'default_toast_compression'`,
    );
  await writer.execute(
    postgres
      ? `UPDATE "${target.table}" SET ${column} = $1 WHERE "id" = $2`
      : `UPDATE "${target.table}" SET ${column} = ? WHERE "id" = ?`,
    text,
    target.id,
  );
  if (postgres) await writer.execute("RESET default_toast_compression");
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
