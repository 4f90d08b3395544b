import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import type { AppEnv } from "@/lib/env";

// Applies the committed SQL migrations without Prisma's native schema engine, keeping
// Prisma's own `_prisma_migrations` bookkeeping so `prisma migrate status` agrees.
// See docs/decisions/0002-own-migration-runner.md.

export type Migration = { name: string; sql: string; checksum: string };
export type MigrationResult = { applied: string[]; alreadyApplied: number };

export function migrationsDir(kind: AppEnv["databaseKind"], root = process.cwd()): string {
  return kind === "postgres" ? resolve(root, "prisma/postgres/migrations") : resolve(root, "prisma/migrations");
}

export function readMigrations(dir: string): Migration[] {
  if (!existsSync(dir)) throw new Error(`Migrations folder not found: ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

type AppliedRow = { migration_name: string; checksum: string; finished_at: unknown; rolled_back_at: unknown };

function checkHistory(migrations: Migration[], rows: AppliedRow[]): Set<string> {
  const known = new Map(migrations.map((migration) => [migration.name, migration]));
  const done = new Set<string>();
  for (const row of rows) {
    if (row.rolled_back_at) continue;
    if (!row.finished_at) {
      throw new Error(
        `Migration ${row.migration_name} started but never finished; repair the database and remove its row from _prisma_migrations.`,
      );
    }
    const migration = known.get(row.migration_name);
    if (!migration) {
      throw new Error(`The database has migration ${row.migration_name}, which this version of the app does not know.`);
    }
    if (migration.checksum !== row.checksum) {
      throw new Error(`Migration ${row.migration_name} was edited after it was applied (checksum differs).`);
    }
    done.add(row.migration_name);
  }
  return done;
}

export async function applyMigrations(env: AppEnv, dir = migrationsDir(env.databaseKind)): Promise<MigrationResult> {
  const migrations = readMigrations(dir);
  return env.databaseKind === "postgres" ? applyPostgres(env, migrations) : applySqlite(env.sqliteFile, migrations);
}

function applySqlite(file: string, migrations: Migration[]): MigrationResult {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 10_000 });
  try {
    db.pragma("journal_mode = WAL");
    db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" TEXT PRIMARY KEY NOT NULL,
      "checksum" TEXT NOT NULL,
      "finished_at" DATETIME,
      "migration_name" TEXT NOT NULL,
      "logs" TEXT,
      "rolled_back_at" DATETIME,
      "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
      "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
    )`);
    const applied: string[] = [];
    // Prisma redefines SQLite tables by copy, drop and rename. "PRAGMA foreign_keys=OFF" inside a
    // migration is ignored within a transaction, so a drop would cascade-delete every child row:
    // switch enforcement off around the transaction and check all keys before committing instead.
    db.pragma("foreign_keys = OFF");
    // IMMEDIATE takes the write lock first, so two processes starting at once run each migration once.
    db.exec("BEGIN IMMEDIATE");
    try {
      const rows = db
        .prepare(
          `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`,
        )
        .all() as AppliedRow[];
      const done = checkHistory(migrations, rows);
      const insert = db.prepare(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
         VALUES (?, ?, ?, ?, ?, 1)`,
      );
      for (const migration of migrations) {
        if (done.has(migration.name)) continue;
        const startedAt = new Date().toISOString();
        try {
          db.exec(migration.sql);
        } catch (error) {
          throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`);
        }
        insert.run(randomUUID(), migration.checksum, new Date().toISOString(), migration.name, startedAt);
        applied.push(migration.name);
      }
      const broken = db.pragma("foreign_key_check") as { table: string; parent: string }[];
      if (broken.length > 0) {
        const first = broken[0]!;
        throw new Error(
          `Migrations ${applied.join(", ")} would leave ${broken.length} row(s) with a dangling foreign key (first: ${first.table} -> ${first.parent}); nothing was applied.`,
        );
      }
      db.exec("COMMIT");
      return { applied, alreadyApplied: migrations.length - applied.length };
    } catch (error) {
      db.exec("ROLLBACK");
      throw error;
    }
  } finally {
    db.pragma("foreign_keys = ON");
    db.close();
  }
}

const MIGRATION_LOCK_KEY = 7_261_123;

async function applyPostgres(env: AppEnv, migrations: Migration[]): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  try {
    const schema = env.DATABASE_SCHEMA;
    if (schema) {
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await client.query(`SET search_path TO "${schema}"`);
    }
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
        "id" VARCHAR(36) PRIMARY KEY NOT NULL,
        "checksum" VARCHAR(64) NOT NULL,
        "finished_at" TIMESTAMPTZ,
        "migration_name" VARCHAR(255) NOT NULL,
        "logs" TEXT,
        "rolled_back_at" TIMESTAMPTZ,
        "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
        "applied_steps_count" INTEGER NOT NULL DEFAULT 0
      )`);
      const { rows } = await client.query<AppliedRow>(
        `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`,
      );
      const done = checkHistory(migrations, rows);
      const applied: string[] = [];
      for (const migration of migrations) {
        if (done.has(migration.name)) continue;
        // PostgreSQL DDL is transactional: a failing migration leaves nothing behind.
        await client.query("BEGIN");
        try {
          const startedAt = new Date();
          await client.query(migration.sql);
          await client.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
             VALUES ($1, $2, now(), $3, $4, 1)`,
            [randomUUID(), migration.checksum, migration.name, startedAt],
          );
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`);
        }
        applied.push(migration.name);
      }
      return { applied, alreadyApplied: migrations.length - applied.length };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
    }
  } finally {
    await client.end();
  }
}
