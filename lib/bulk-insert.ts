import "server-only";
import { randomBytes } from "node:crypto";
import { getDatabaseKind, type Tx } from "@/lib/db";
import { type CopyInput, type DirectConnection, directConnection } from "@/lib/direct-sql";
import type { Steps } from "@/lib/steps";

// Bulk inserts for imports: tens of thousands of rows (a 5 MB source has 76,000 passages and
// 62,000 search documents). Prisma's createMany compiles every value of every row into its query
// plan (11.7 s for the passages of 5 MB on SQLite); a raw multi-row VALUES with a parameter per
// value still spends most of its time turning the parameters over (1.8 s). On SQLite rows go as
// one JSON array per batch in one parameter, which the database unpacks itself (json_each; also
// PostgreSQL's jsonb_array_elements outside an interactive transaction); in a PostgreSQL
// transaction each table's rows are streamed into one COPY. Both go straight to the transaction's connection
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

// A batch is sent once its rows reach this many characters: large enough that a statement's
// own cost is spread over hundreds of rows, small enough that a batch is not kept for long.
const BATCH_CHARACTERS = 64_000;

type Batch = {
  target: BulkTarget;
  /** The INSERT (rows as JSON) or, on PostgreSQL, the COPY (rows as COPY text) that stores the rows. */
  statement: string;
  /** INSERT: the shared columns' values, as parameters. */
  shared: unknown[];
  /** COPY: the shared columns' values, as the start of each line. */
  sharedPrefix: string;
  rows: string[];
  characters: number;
};

/**
 * Writes rows into one or more tables in the caller's transaction, in batches. With SQLite (in
 * this process) each batch is one INSERT, done when sent, and the other work given to
 * whileWaiting runs at the end. On PostgreSQL (a server on its own core) the rows of one table
 * are streamed into one `COPY … FROM STDIN`: the database stores rows as they arrive while this
 * process encodes the next ones, and when the connection's buffer is full this process does
 * steps of the other work until it drains. Rows of another table end the COPY and start their
 * own, so rows are best added table by table. A COPY parses plain text, with no statement per
 * batch and no JSON; see docs/decisions/0021-fast-imports.md.
 */
export class BulkWriter {
  private readonly postgres = getDatabaseKind() === "postgres";
  /** How rows are stored: a COPY per table (PostgreSQL, in an interactive transaction) or INSERTs of JSON. */
  readonly method: "copy" | "insert";
  private readonly copying: boolean;
  private readonly batches = new Map<BulkTarget, Batch>();
  private inFlight: Promise<number> | undefined;
  private copy: { target: BulkTarget; input: CopyInput } | undefined;
  private written = 0;
  private background: Steps<unknown> | undefined;

  private constructor(
    private readonly tx: Tx,
    private readonly connection: DirectConnection | undefined,
  ) {
    this.copying = this.postgres && connection?.copyIn !== undefined;
    this.method = this.copying ? "copy" : "insert";
  }

  /**
   * A writer on the transaction's own connection (lib/direct-sql.ts); outside an interactive
   * transaction, statements go through Prisma. Prefer withBulkWriter, which gives up an
   * unfinished COPY when the work fails.
   */
  static async open(tx: Tx): Promise<BulkWriter> {
    return new BulkWriter(tx, await directConnection(tx));
  }

  /** Runs these steps while statements are under way; finish() runs what is left. */
  whileWaiting(steps: Steps<unknown>): void {
    this.background = steps;
  }

  /** Adds a row (values in the order of `target.columns`); resolves at once unless a batch is sent. */
  add(target: BulkTarget, row: readonly unknown[]): Promise<void> | undefined {
    let batch = this.batches.get(target);
    if (!batch) {
      const shared = target.shared ?? [];
      batch = {
        target,
        statement: this.copying ? copyStatement(target) : insertStatement(target, this.postgres),
        shared: shared.map(([, value]) => value),
        sharedPrefix: shared.map(([, value]) => `${copyValue(value)}\t`).join(""),
        rows: [],
        characters: 0,
      };
      this.batches.set(target, batch);
    }
    const encoded = this.copying ? batch.sharedPrefix + copyFields(row) : JSON.stringify(row);
    batch.rows.push(encoded);
    batch.characters += encoded.length + 1;
    return batch.characters >= BATCH_CHARACTERS ? this.send(batch) : undefined;
  }

  /** Sends what is left and waits for every statement; returns the number of rows written. */
  async finish(): Promise<number> {
    for (const batch of this.batches.values()) await this.send(batch);
    await this.endCopy();
    await this.settle();
    while (this.background) this.backgroundStep();
    return this.written;
  }

  /**
   * Gives up a COPY under way, so that the transaction's connection takes statements again (a
   * rollback): without it, the connection would wait for the rest of the COPY for ever.
   */
  async abort(): Promise<void> {
    const copy = this.copy;
    this.copy = undefined;
    if (copy) await copy.input.abort();
  }

  private backgroundStep(): void {
    if (this.background?.next().done) this.background = undefined;
  }

  /**
   * Sends a statement in turn, once the one under way (or the COPY) is done, and returns without
   * waiting for it (a failure is thrown by the next call, or by finish()). Outside an interactive
   * transaction, the statement goes through Prisma.
   */
  async execute(statement: string, ...values: unknown[]): Promise<void> {
    await this.endCopy();
    await this.settle();
    const parameters = values.map((value) => (value instanceof Date ? databaseTime(value) : value));
    const sent = this.connection
      ? this.connection.execute(statement, parameters)
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
    if (this.copying) return this.sendToCopy(batch);
    const json = `[${batch.rows.join(",")}]`;
    batch.rows = [];
    batch.characters = 0;
    await this.execute(batch.statement, ...batch.shared, json);
  }

  private async sendToCopy(batch: Batch): Promise<void> {
    const chunk = Buffer.from(`${batch.rows.join("\n")}\n`, "utf8");
    batch.rows = [];
    batch.characters = 0;
    if (this.copy?.target !== batch.target) {
      await this.endCopy();
      await this.settle();
      this.copy = { target: batch.target, input: this.connection!.copyIn!(batch.statement) };
    }
    const input = this.copy.input;
    if (!input.write(chunk)) await this.runStepsUntil(input.drained());
  }

  private async endCopy(): Promise<void> {
    const copy = this.copy;
    if (!copy) return;
    this.copy = undefined;
    this.written += await this.runStepsUntil(copy.input.finish());
  }

  private async settle(): Promise<void> {
    if (!this.inFlight) return;
    const inFlight = this.inFlight;
    this.inFlight = undefined;
    this.written += await this.runStepsUntil(inFlight);
  }

  /**
   * Steps of the other work until the database has answered: each turn of the event loop lets
   * the driver read the answer (or send what waits in its buffer).
   */
  private async runStepsUntil<T>(answer: Promise<T>): Promise<T> {
    let done = false;
    const markDone = () => {
      done = true;
    };
    answer.then(markDone, markDone);
    while (!done && this.background) {
      this.backgroundStep();
      await nextTurn();
    }
    return answer;
  }
}

/**
 * Writes with a BulkWriter (which the work must finish()); if the work fails, a COPY under way
 * is given up before the error goes on to roll the transaction back.
 */
export async function withBulkWriter<T>(tx: Tx, work: (writer: BulkWriter) => Promise<T>): Promise<T> {
  const writer = await BulkWriter.open(tx);
  try {
    return await work(writer);
  } catch (error) {
    await writer.abort();
    throw error;
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

function copyStatement(target: BulkTarget): string {
  const names = [...(target.shared ?? []).map(([name]) => name), ...target.columns.map(([name]) => name)];
  return `COPY "${target.table}" (${names.map((name) => `"${name}"`).join(", ")}) FROM STDIN`;
}

// COPY's text format: columns apart by tabs, rows by line breaks, \N for null; a backslash, tab,
// line feed or carriage return inside a value is written as a backslash escape.
const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

function copyFields(row: readonly unknown[]): string {
  let line = "";
  for (let index = 0; index < row.length; index++)
    line += index === 0 ? copyValue(row[index]) : `\t${copyValue(row[index])}`;
  return line;
}

/** A value in COPY's text format (exported for tests). */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  if (value instanceof Date) return databaseTime(value);
  const text = typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  return COPY_SPECIAL.test(text) ? text.replace(/[\\\t\n\r]/g, (character) => COPY_ESCAPES[character]!) : text;
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
