import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { type AppEnv, getEnv, parseEnv } from "@/lib/env";
import { applyMigrations } from "@/lib/migrations/apply";

const kind = getEnv().databaseKind;
const scratch = mkdtempSync(join(tmpdir(), "migrations-test-"));
const schemas: string[] = [];

function freshEnv(label: string): AppEnv {
  if (kind === "postgres") {
    const schema = `${getEnv().DATABASE_SCHEMA}_${label}`;
    schemas.push(schema);
    // Named: on PostgreSQL the default mode is production, which would ask for AUTH_SECRET.
    return parseEnv({ DATABASE_URL: getEnv().DATABASE_URL, DATABASE_SCHEMA: schema, APP_MODE: "sample" });
  }
  return parseEnv({ DATABASE_URL: `file:${join(scratch, `${label}.db`)}` });
}

function writeMigration(dir: string, name: string, sql: string) {
  mkdirSync(join(dir, name), { recursive: true });
  writeFileSync(join(dir, name, "migration.sql"), sql);
}

async function query(env: AppEnv, sql: string): Promise<Record<string, unknown>[]> {
  if (env.databaseKind === "postgres") {
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    try {
      await client.query(`SET search_path TO "${env.DATABASE_SCHEMA}"`);
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  }
  const db = new Database(env.sqliteFile, { readonly: true });
  try {
    return db.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

afterAll(async () => {
  if (kind !== "postgres" || schemas.length === 0) return;
  const client = new pg.Client({ connectionString: getEnv().DATABASE_URL });
  await client.connect();
  for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
});

describe("applyMigrations", () => {
  it("applies pending migrations once, in order, and records them as Prisma does", async () => {
    const env = freshEnv("order");
    const dir = join(scratch, "order");
    writeMigration(dir, "001_first", `CREATE TABLE "First" (id INTEGER PRIMARY KEY);`);
    writeMigration(dir, "002_second", `CREATE TABLE "Second" (id INTEGER PRIMARY KEY);`);
    expect(await applyMigrations(env, dir)).toEqual({ applied: ["001_first", "002_second"], alreadyApplied: 0 });
    expect(await applyMigrations(env, dir)).toEqual({ applied: [], alreadyApplied: 2 });
    const rows = await query(
      env,
      `SELECT migration_name, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((row) => row.migration_name)).toEqual(["001_first", "002_second"]);
    expect(rows.every((row) => row.finished_at !== null)).toBe(true);
  });

  it("a failing migration fails loudly, leaves nothing behind and is not recorded", async () => {
    const env = freshEnv("broken");
    const dir = join(scratch, "broken");
    writeMigration(dir, "001_ok", `CREATE TABLE "Fine" (id INTEGER PRIMARY KEY);`);
    writeMigration(
      dir,
      "002_broken",
      `CREATE TABLE "Half" (id INTEGER PRIMARY KEY);\nCREATE TABLE "Fine" (id INTEGER PRIMARY KEY);`,
    );
    await expect(applyMigrations(env, dir)).rejects.toThrow(/Migration 002_broken failed/);
    const recorded = await query(env, `SELECT migration_name FROM "_prisma_migrations"`);
    // SQLite applies the pending migrations in one transaction, PostgreSQL one at a time, so
    // the good migration before the broken one stays applied on PostgreSQL only.
    expect(recorded.map((row) => row.migration_name)).toEqual(kind === "postgres" ? ["001_ok"] : []);
    // The table the broken migration created before failing is gone, not merely unreadable.
    await expect(query(env, `SELECT * FROM "Half"`)).rejects.toThrow(/no such table|does not exist/);
  });

  it("refuses to run when an applied migration was edited afterwards", async () => {
    const env = freshEnv("edited");
    const dir = join(scratch, "edited");
    writeMigration(dir, "001_first", `CREATE TABLE "First" (id INTEGER PRIMARY KEY);`);
    await applyMigrations(env, dir);
    writeMigration(dir, "001_first", `CREATE TABLE "First" (id INTEGER PRIMARY KEY, extra TEXT);`);
    await expect(applyMigrations(env, dir)).rejects.toThrow(/001_first was edited after it was applied/);
  });
});

describe("applyMigrations keeps data", () => {
  it("redefining a parent table (as Prisma does on SQLite) keeps its children's rows", async () => {
    const env = freshEnv("redefine");
    const dir = join(scratch, "redefine");
    writeMigration(
      dir,
      "001_tables",
      `CREATE TABLE "Parent" ("id" TEXT NOT NULL PRIMARY KEY, "name" TEXT NOT NULL);
       CREATE TABLE "Child" ("id" TEXT NOT NULL PRIMARY KEY, "parentId" TEXT NOT NULL,
         CONSTRAINT "Child_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Parent" ("id") ON DELETE CASCADE ON UPDATE CASCADE);
       INSERT INTO "Parent" VALUES ('p1', 'Kirov');
       INSERT INTO "Child" VALUES ('c1', 'p1'), ('c2', 'p1');`,
    );
    await applyMigrations(env, dir);
    const redefine =
      env.databaseKind === "postgres"
        ? `ALTER TABLE "Parent" ADD COLUMN "extra" TEXT;`
        : `PRAGMA defer_foreign_keys=ON;
           PRAGMA foreign_keys=OFF;
           CREATE TABLE "new_Parent" ("id" TEXT NOT NULL PRIMARY KEY, "name" TEXT NOT NULL, "extra" TEXT);
           INSERT INTO "new_Parent" ("id", "name") SELECT "id", "name" FROM "Parent";
           DROP TABLE "Parent";
           ALTER TABLE "new_Parent" RENAME TO "Parent";
           PRAGMA foreign_keys=ON;
           PRAGMA defer_foreign_keys=OFF;`;
    writeMigration(dir, "002_redefine", redefine);
    await applyMigrations(env, dir);
    expect(await query(env, `SELECT id FROM "Child" ORDER BY id`)).toEqual([{ id: "c1" }, { id: "c2" }]);
  });

  it("refuses a migration that would leave dangling foreign keys, applying nothing", async () => {
    if (kind === "postgres") return; // PostgreSQL enforces keys statement by statement; the broken-migration test covers it.
    const env = freshEnv("dangling");
    const dir = join(scratch, "dangling");
    writeMigration(
      dir,
      "001_tables",
      `CREATE TABLE "Parent" ("id" TEXT NOT NULL PRIMARY KEY);
       CREATE TABLE "Child" ("id" TEXT NOT NULL PRIMARY KEY, "parentId" TEXT NOT NULL REFERENCES "Parent" ("id"));
       INSERT INTO "Parent" VALUES ('p1'); INSERT INTO "Child" VALUES ('c1', 'p1');`,
    );
    await applyMigrations(env, dir);
    writeMigration(dir, "002_drop_parent_rows", `DELETE FROM "Parent";`);
    await expect(applyMigrations(env, dir)).rejects.toThrow(/dangling foreign key/);
    expect(await query(env, `SELECT id FROM "Parent"`)).toEqual([{ id: "p1" }]);
  });
});
