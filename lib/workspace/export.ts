import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { authorize } from "@/lib/authorize";
import { createDb, type DatabaseKind, type Db, type Tx } from "@/lib/db";
import type { AppEnv } from "@/lib/env";
import type { MaybeActor } from "@/lib/permissions";
import { SETUP_SETTING_KEY } from "@/lib/users/setup";
import { appliedMigrations, WORKSPACE_FORMAT, WORKSPACE_FORMAT_VERSION, type WorkspaceHeader } from "./format";
import { EXPORT_ORDER, encodeRow, NOT_MOVED, type Row } from "./tables";

export type ExportOptions = {
  /** The kind of database `db` is (it decides how a consistent snapshot is taken). */
  kind: DatabaseKind;
  /** Members' password hashes are left out unless asked for. */
  withPasswordHashes?: boolean;
  /** Rows per page for every table instead of each table's own (tests use tiny pages). */
  pageSize?: number;
};

export type ExportSummary = {
  rows: Record<string, number>;
  leftOut: Record<string, number>;
  notMoved: Record<string, string>;
  bytes: number;
};

/** Receives the file a chunk at a time (whole lines); the export waits while it is busy. */
export type Sink = (chunk: string) => Promise<void> | void;

/** However slowly the file is taken away, the snapshot is given up after this long. */
export const EXPORT_TIMEOUT_MS = 2 * 60 * 60 * 1000;

async function countWithValue(tx: Tx, table: string, column: string): Promise<number> {
  // Names come from lib/workspace/tables.ts, never from input.
  const [row] = await tx.$queryRawUnsafe<{ n: number | bigint }[]>(
    `SELECT COUNT(*) AS n FROM "${table}" WHERE "${column}" IS NOT NULL`,
  );
  return Number(row?.n ?? 0);
}

/**
 * Writes the whole workspace as JSON Lines to `write`, reading every table in pages in
 * primary-key order (cursor pagination), so memory holds one page at a time, never the
 * workspace. Everything is read in one transaction, so the file is one consistent moment of
 * the database even while members keep writing: on PostgreSQL a REPEATABLE READ, READ ONLY
 * snapshot; on SQLite a read transaction, which in WAL mode blocks no writer (give it its own
 * client, see openWorkspaceExport, since a SQLite client has one connection).
 */
export async function exportWorkspace(db: Db, write: Sink, options: ExportOptions): Promise<ExportSummary> {
  return db.$transaction(
    async (tx) => {
      if (options.kind === "postgres") {
        await tx.$executeRawUnsafe("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      }
      let bytes = 0;
      const emit = async (chunk: string) => {
        bytes += Buffer.byteLength(chunk);
        await write(chunk);
      };
      const leaveOut = new Map<string, ReadonlySet<string>>();
      const leftOut: Record<string, number> = {};
      for (const table of EXPORT_ORDER) {
        const columns = [...table.dropped, ...(options.withPasswordHashes ? [] : table.secret)];
        leaveOut.set(table.name, new Set(columns));
        for (const column of columns) leftOut[`${table.name}.${column}`] = await countWithValue(tx, table.name, column);
      }
      const notMoved: Record<string, string> = Object.fromEntries(
        [...NOT_MOVED].map(([name, entry]) => [name, `${entry.why}: ${entry.note}`]),
      );
      notMoved[`Setting ${SETUP_SETTING_KEY}`] = "installation: this installation's one-time first-admin link";
      const header: WorkspaceHeader = {
        format: WORKSPACE_FORMAT,
        version: WORKSPACE_FORMAT_VERSION,
        exportedAt: new Date().toISOString(),
        database: options.kind,
        migrations: await appliedMigrations(tx),
        tables: EXPORT_ORDER.map((table) => table.name),
        leftOut,
        notMoved,
      };
      await emit(`${JSON.stringify(header)}\n`);

      const rows: Record<string, number> = {};
      for (const table of EXPORT_ORDER) {
        const omit = leaveOut.get(table.name)!;
        const pageSize = options.pageSize ?? table.pageSize;
        let count = 0;
        for (let after: Row | undefined; ; ) {
          const page = await table.page(tx, after, pageSize, omit);
          if (page.length === 0) break;
          await emit(
            page.map((row) => `${JSON.stringify({ table: table.name, row: encodeRow(table, row, omit) })}\n`).join(""),
          );
          count += page.length;
          after = page[page.length - 1];
          if (page.length < pageSize) break;
        }
        rows[table.name] = count;
      }
      await emit(`${JSON.stringify({ end: { rows } })}\n`);
      return { rows, leftOut, notMoved, bytes };
    },
    { timeout: EXPORT_TIMEOUT_MS, maxWait: 30_000 },
  );
}

/**
 * An admin's download of the workspace (GET /api/admin/export): authorized and recorded in the
 * audit log before anything is read, then streamed as JSON Lines from a snapshot taken on a
 * client of its own (`env` names the database), so a slow download holds up no other request.
 * Password hashes are never part of it: they leave the server only through `npm run export --
 * --with-password-hashes`, run by whoever runs the server. Nothing is read until the stream is.
 */
export async function openWorkspaceExport(
  db: Db,
  actor: MaybeActor,
  env: AppEnv,
): Promise<{ stream: ReadableStream<Uint8Array>; fileName: string }> {
  authorize(actor, "export:workspace");
  await recordAudit(db, actor, {
    action: "workspace.export",
    entityType: "workspace",
    entityId: "workspace",
    data: { passwordHashes: false },
  });
  const encoder = new TextEncoder();
  let started = false;
  let cancelled = false;
  // The export pushes a chunk, then waits for the reader to ask for the next (backpressure).
  let wake: (() => void) | undefined;
  const nextPull = () => new Promise<void>((resolve) => (wake = resolve));
  const pulled = () => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };

  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (started) return pulled();
        started = true;
        const snapshot = createDb(env);
        const sink: Sink = async (chunk) => {
          if (cancelled) throw new Error("the download was cancelled");
          const waiting = nextPull();
          controller.enqueue(encoder.encode(chunk));
          await waiting;
          if (cancelled) throw new Error("the download was cancelled");
        };
        const run = async () => {
          try {
            await exportWorkspace(snapshot, sink, { kind: env.databaseKind });
            if (!cancelled) controller.close();
          } catch (error) {
            // A download cut short ends without the file's end line, so restore refuses it.
            if (!cancelled) controller.error(error);
          } finally {
            await snapshot.$disconnect().catch(() => undefined);
          }
        };
        void run();
      },
      cancel() {
        cancelled = true;
        pulled();
      },
    },
    // Nothing is read before the first read: an unread response opens no transaction.
    { highWaterMark: 0 },
  );
  const day = new Date().toISOString().slice(0, 10);
  return { stream, fileName: `factcheck-workspace-${day}.jsonl` };
}
