import "server-only";
import type { Db, Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ensureSearchIndex } from "@/lib/search/maintenance";
import {
  appliedMigrations,
  EndLineSchema,
  HeaderSchema,
  migrationDifference,
  RowLineSchema,
  WORKSPACE_FORMAT,
  WORKSPACE_FORMAT_VERSION,
  type WorkspaceHeader,
} from "./format";
import {
  decodeRow,
  INSTALLATION_SETTINGS,
  MOVED,
  orderProblem,
  PLAN,
  type Row,
  type Table,
  type TableName,
} from "./tables";
import { fillsFor, type Upgrade, upgradesFor } from "./upgrades";

export type RestoreOptions = {
  log?: (line: string) => void;
  /** Called after each table's rows are in, for progress. */
  onTable?: (table: string, rows: number) => void;
};

export type RestoreReport = {
  header: WorkspaceHeader;
  rows: Record<string, number>;
  indexed: number;
  /** What the restored installation lacks that its members may need (password hashes…). */
  warnings: string[];
};

/** The whole restore is one transaction; a large workspace may take a while. */
export const RESTORE_TIMEOUT_MS = 2 * 60 * 60 * 1000;
// Rows go in with one statement per batch; a batch is cut short by size, for tables of long texts.
const BATCH_ROWS = 500;
const BATCH_CHARACTERS = 4_000_000;

/**
 * Tables a fresh installation may already have rows in without holding any work: sign-in and
 * rate-limit counters (a failed sign-in on the new server), which point at nothing, and the cached
 * reads' token (lib/cache/public-reads.ts). Settings
 * are checked apart from the installation's own (INSTALLATION_SETTINGS).
 */
const IGNORED_WHEN_EMPTY: readonly TableName[] = ["SignInAttempt", "RateLimitEvent", "CacheGeneration", "Setting"];

type Lines = AsyncIterable<string> | Iterable<string>;
type Numbered = { number: number; text: string };

async function* numbered(lines: Lines): AsyncGenerator<Numbered> {
  let number = 0;
  for await (const text of lines) yield { number: ++number, text };
}

function lineError(line: number, message: string): AppError {
  return new AppError("INVALID", `line ${line}: ${message}`);
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message.split("\n").filter((line) => line.trim() !== "");
  return (lines[lines.length - 1] ?? message).trim();
}

function parseJson(line: Numbered): unknown {
  if (line.text.trim() === "") throw lineError(line.number, "is empty; every line of the file is one JSON value");
  try {
    return JSON.parse(line.text);
  } catch (error) {
    throw lineError(line.number, `is not valid JSON (${(error as Error).message})`);
  }
}

function parseHeader(line: Numbered): WorkspaceHeader {
  // A byte-order mark, as some editors write one, is not part of the header.
  const value = parseJson({ ...line, text: line.text.replace(/^\uFEFF/, "") });
  const format = typeof value === "object" && value !== null ? (value as Record<string, unknown>).format : undefined;
  if (format !== WORKSPACE_FORMAT) {
    throw lineError(
      line.number,
      `this is not a workspace export (its first line has no "format": "${WORKSPACE_FORMAT}")`,
    );
  }
  const version = (value as Record<string, unknown>).version;
  if (version !== WORKSPACE_FORMAT_VERSION) {
    throw lineError(
      line.number,
      `the file is in workspace format version ${JSON.stringify(version)}, and this version of the app reads version ${WORKSPACE_FORMAT_VERSION} only: restore it with the version of the app that exported it`,
    );
  }
  const parsed = HeaderSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw lineError(line.number, `the header's ${issue.path.join(".") || "value"} ${issue.message}`);
  }
  return parsed.data;
}

/** Refuses a header whose tables cannot be restored in their order (those `upgrades` added may be absent). */
function checkTableOrder(header: WorkspaceHeader, upgrades: readonly Upgrade[]): void {
  const problem = orderProblem(header.tables, new Set(upgrades.flatMap((upgrade) => upgrade.tables)));
  if (problem) throw lineError(1, `the header's table list cannot be restored: ${problem}`);
}

/** The tables of the target that already hold rows, with their counts. */
async function occupiedTables(tx: Tx): Promise<string[]> {
  const found: string[] = [];
  for (const name of Object.keys(PLAN) as TableName[]) {
    if (IGNORED_WHEN_EMPTY.includes(name)) continue;
    // Names come from the schema, never from the file.
    const [row] = await tx.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT COUNT(*) AS n FROM "${name}"`);
    const count = Number(row?.n ?? 0);
    if (count > 0) found.push(`${name}: ${count}`);
  }
  const settings = await tx.setting.count({ where: { key: { notIn: [...INSTALLATION_SETTINGS] } } });
  if (settings > 0) found.push(`Setting: ${settings}`);
  return found;
}

/**
 * Restores a workspace export (lines of the file, e.g. from readline) into an empty database of
 * either kind, migrated to the same schema as the file's. Rows are checked line by line (an error
 * names its line) and inserted in batches in the file's table order, parents before children;
 * a claim's pointer to the claim it was merged into is set once every claim exists. All of it is
 * one transaction: a refused or broken file, a file cut short, or a failure halfway leaves the
 * database as it was. Then the search index is rebuilt from the restored rows (as every start
 * would), since the file does not carry it.
 */
export async function restoreWorkspace(db: Db, lines: Lines, options: RestoreOptions = {}): Promise<RestoreReport> {
  const log = options.log ?? (() => undefined);
  const reader = numbered(lines);
  try {
    const first = await reader.next();
    if (first.done) throw lineError(1, "the file is empty; a workspace export starts with its header");
    const header = parseHeader(first.value);
    const applied = await appliedMigrations(db);
    // A file made before a migration this app knows how to fill in (lib/workspace/upgrades.ts) restores.
    const upgrades = upgradesFor(header.migrations, applied);
    if (upgrades === null) {
      const difference = migrationDifference(header.migrations, applied) ?? "the migration lists differ";
      throw new AppError(
        "CONFLICT",
        `line 1: the file was exported from a database with another schema: ${difference}. ` +
          "Export and restore with the same version of the app, each database migrated to it (npm run db:migrate).",
      );
    }
    checkTableOrder(header, upgrades);
    if (upgrades.length > 0) {
      log(
        `The file predates ${upgrades.map((upgrade) => upgrade.migration).join(", ")}: what they added is filled in.`,
      );
    }

    const rows = await db.$transaction(
      async (tx) => {
        const occupied = await occupiedTables(tx);
        if (occupied.length > 0) {
          throw new AppError(
            "CONFLICT",
            `The database is not empty (${occupied.join(", ")}). A workspace is restored only into a new, empty ` +
              "database, so nothing in it is overwritten or mixed with the file: create a new database (or use " +
              "a new DATABASE_SCHEMA) and restore there. Nothing was written.",
          );
        }
        await tx.setting.deleteMany({ where: { key: { in: [...INSTALLATION_SETTINGS] } } });
        return insertRows(tx, header, reader, options, upgrades);
      },
      { timeout: RESTORE_TIMEOUT_MS, maxWait: 30_000 },
    );

    const index = await ensureSearchIndex(db, log);
    return { header, rows, indexed: index.indexed, warnings: await signInWarnings(db, header) };
  } finally {
    await reader.return(undefined);
  }
}

async function insertRows(
  tx: Tx,
  header: WorkspaceHeader,
  reader: AsyncGenerator<Numbered>,
  options: RestoreOptions,
  upgrades: readonly Upgrade[],
): Promise<Record<string, number>> {
  const position = new Map(header.tables.map((name, index) => [name, index]));
  const counts: Record<string, number> = Object.fromEntries(header.tables.map((name) => [name, 0]));
  const patches: { table: Table; row: Row; line: number }[] = [];
  const fills = new Map(header.tables.map((name) => [name, fillsFor(upgrades, name)]));
  let current = 0;
  let batch: Row[] = [];
  let batchCharacters = 0;
  let batchLines: [number, number] = [0, 0];
  let batchTable: Table | undefined;
  let end: { line: number; rows: Record<string, number> } | undefined;
  let lastLine = 1;

  const flush = async () => {
    if (!batchTable || batch.length === 0) return;
    try {
      await batchTable.insert(tx, batch);
    } catch (error) {
      const [from, to] = batchLines;
      throw new AppError(
        "INVALID",
        `${from === to ? `line ${from}` : `lines ${from}-${to}`} (${batchTable.name}): the database refused the rows: ${firstLine(error)}`,
      );
    }
    batch = [];
    batchCharacters = 0;
  };
  const finishTable = async () => {
    await flush();
    const name = header.tables[current]!;
    options.onTable?.(name, counts[name]!);
  };

  for await (const line of reader) {
    lastLine = line.number;
    if (end) {
      if (line.text.trim() === "") continue;
      throw lineError(line.number, `comes after the end line (line ${end.line})`);
    }
    const value = parseJson(line);
    if (typeof value === "object" && value !== null && "end" in value) {
      const parsed = EndLineSchema.safeParse(value);
      if (!parsed.success) throw lineError(line.number, `the end line must be {"end": {"rows": {"Table": count, …}}}`);
      end = { line: line.number, rows: parsed.data.end.rows };
      continue;
    }
    const parsed = RowLineSchema.safeParse(value);
    if (!parsed.success) {
      throw lineError(line.number, `expected a row, {"table": "…", "row": {…}}, or the end line`);
    }
    const index = position.get(parsed.data.table);
    if (index === undefined) throw lineError(line.number, `"${parsed.data.table}" is not one of the header's tables`);
    if (index < current) {
      throw lineError(
        line.number,
        `a ${parsed.data.table} row after the ${header.tables[current]} rows: rows must follow the header's table order`,
      );
    }
    while (current < index) {
      await finishTable();
      current++;
    }
    const table = MOVED.get(parsed.data.table)!;
    let row: Row;
    try {
      row = decodeRow(table, parsed.data.row, fills.get(table.name));
    } catch (error) {
      throw lineError(line.number, (error as Error).message);
    }
    if (table.patch?.columns.some((column) => row[column] !== null)) {
      patches.push({ table, row, line: line.number });
      row = { ...row, ...Object.fromEntries(table.patch.columns.map((column) => [column, null])) };
    }
    if (batch.length === 0) batchLines = [line.number, line.number];
    batchLines[1] = line.number;
    batchTable = table;
    batch.push(row);
    batchCharacters += line.text.length;
    counts[table.name]!++;
    if (batch.length >= BATCH_ROWS || batchCharacters >= BATCH_CHARACTERS) await flush();
  }
  while (current < header.tables.length) {
    await finishTable();
    current++;
  }

  if (!end) {
    throw new AppError(
      "INVALID",
      `line ${lastLine}: the file ends without its end line, so it was cut short (an interrupted export or download?). Nothing was restored.`,
    );
  }
  for (const [name, count] of Object.entries(end.rows)) {
    if (!position.has(name))
      throw lineError(end.line, `the end line counts rows of "${name}", which the header does not list`);
    if (counts[name] !== count) {
      throw lineError(end.line, `the end line counts ${count} ${name} row(s) but the file holds ${counts[name]}`);
    }
  }
  const uncounted = header.tables.filter((name) => !(name in end!.rows) && counts[name]! > 0);
  if (uncounted.length > 0) throw lineError(end.line, `the end line does not count ${uncounted.join(", ")}`);

  for (const { table, row, line } of patches) {
    try {
      await table.patch!.apply(tx, row);
    } catch (error) {
      throw new AppError(
        "INVALID",
        `line ${line} (${table.name}): the database refused ${table.patch!.columns.join(", ")}: ${firstLine(error)}`,
      );
    }
  }
  return counts;
}

/** What members will miss on the new installation because of what the file left out. */
async function signInWarnings(db: Db, header: WorkspaceHeader): Promise<string[]> {
  const warnings: string[] = [];
  const hashes = header.leftOut["User.passwordHash"] ?? 0;
  if (hashes > 0) {
    warnings.push(
      `The file has no password hashes (left out for ${hashes} member(s)): they cannot sign in with a password here. ` +
        "Export again with --with-password-hashes to move them.",
    );
  }
  const activeAdmins = { role: "admin" as const, active: true };
  const admins = await db.user.count({ where: activeAdmins });
  const reachable = await db.user.count({
    where: { ...activeAdmins, OR: [{ passwordHash: { not: null } }, { accounts: { some: {} } }] },
  });
  if (admins > 0 && reachable === 0) {
    warnings.push(
      "No active admin can sign in here (none has a password hash or a GitHub/OIDC link). `npm start` in production " +
        "mode prints a one-time setup link: an admin who opens it and gives their own email sets a new password for " +
        "their restored account. To keep everyone's passwords, restore an export made with --with-password-hashes.",
    );
  }
  return warnings;
}
