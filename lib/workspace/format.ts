import "server-only";
import { z } from "zod";
import type { Tx } from "@/lib/db";

// The workspace file, JSON Lines (one JSON value per line, UTF-8):
//   line 1      the header: format, version, the schema's migrations, the tables in order, what was left out
//   then        one line per row, {"table": "User", "row": {...}}, table after table in the header's order
//   last line   {"end": {"rows": {"User": 6, ...}}}: a file cut short (an interrupted download) has none
// Decision 0014.

export const WORKSPACE_FORMAT = "factcheck-workspace";
/** Bump when the meaning of a line changes; restore refuses versions it does not know. */
export const WORKSPACE_FORMAT_VERSION = 1;

export const HeaderSchema = z.object({
  format: z.literal(WORKSPACE_FORMAT),
  version: z.number().int(),
  exportedAt: z.iso.datetime(),
  database: z.enum(["sqlite", "postgres"]),
  /** The migrations applied to the database the rows come from, sorted: the schema they fit. */
  migrations: z.array(z.string()),
  /** The tables in the order their rows follow. */
  tables: z.array(z.string()),
  /** "Table.column" → how many rows had a value there that the file does not carry. */
  leftOut: z.record(z.string(), z.number().int().nonnegative()),
  /** Tables not in the file, and why. */
  notMoved: z.record(z.string(), z.string()),
});
export type WorkspaceHeader = z.infer<typeof HeaderSchema>;

export const RowLineSchema = z.object({ table: z.string(), row: z.unknown() }).strict();
export const EndLineSchema = z.object({ end: z.object({ rows: z.record(z.string(), z.number().int()) }) }).strict();

/** The migrations a database has applied (finished, not rolled back), sorted by name. */
export async function appliedMigrations(db: Tx): Promise<string[]> {
  let rows: { name: string }[];
  try {
    rows = await db.$queryRawUnsafe<{ name: string }[]>(
      `SELECT "migration_name" AS name FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`,
    );
  } catch (error) {
    throw new Error(
      `the database has no migration history (${(error as Error).message.split("\n")[0]}): run \`npm run db:migrate\` first`,
    );
  }
  return rows.map((row) => row.name).sort();
}

/** Why two migration lists differ, in words, or null when they are the same. */
export function migrationDifference(file: readonly string[], database: readonly string[]): string | null {
  const inFile = new Set(file);
  const inDatabase = new Set(database);
  const onlyFile = file.filter((name) => !inDatabase.has(name));
  const onlyDatabase = database.filter((name) => !inFile.has(name));
  if (onlyFile.length === 0 && onlyDatabase.length === 0 && file.length === database.length) return null;
  const parts = [
    onlyFile.length > 0 ? `the file's schema has ${onlyFile.join(", ")}, which this database lacks` : "",
    onlyDatabase.length > 0 ? `this database has ${onlyDatabase.join(", ")}, which the file's schema lacks` : "",
  ].filter(Boolean);
  return parts.length > 0 ? parts.join("; ") : "the migration lists differ";
}
