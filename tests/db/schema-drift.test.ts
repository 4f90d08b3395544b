import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { getDatabaseKind, getDb } from "@/lib/db";
import * as sqliteNamespace from "@/lib/generated/sqlite/internal/prismaNamespace";
import { derivePostgresSchema, postgresSchemaPath, sqliteSchemaPath } from "@/scripts/schema-derive.mjs";
import { TABLES } from "../helpers";

const migrationNames = (dir: string) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

describe("one schema, two databases", () => {
  it("the PostgreSQL schema is exactly the one derived from the SQLite schema", () => {
    const derived = derivePostgresSchema(readFileSync(sqliteSchemaPath, "utf8"));
    expect(readFileSync(postgresSchemaPath, "utf8"), "run `npm run db:schema:derive`").toBe(derived);
  });

  it("both databases have the same migrations", () => {
    expect(migrationNames("prisma/postgres/migrations")).toEqual(migrationNames("prisma/migrations"));
  });

  it("the schema has no change that a migration does not carry", () => {
    const snapshot = readFileSync("prisma/migrations/schema.snapshot.prisma", "utf8");
    expect(readFileSync("prisma/schema.prisma", "utf8"), "run `npm run db:migration:new -- <name>`").toBe(snapshot);
  });

  it("the migrated database has every table and column the client expects", async () => {
    const expected = new Map<string, string[]>();
    for (const [name, value] of Object.entries(sqliteNamespace)) {
      const match = /^(\w+)ScalarFieldEnum$/.exec(name);
      if (!match || ["TransactionIsolationLevel", "SortOrder"].includes(match[1]!)) continue;
      const model = match[1]!;
      expected.set(model, Object.values(value as Record<string, string>).sort());
    }
    expect(expected.size).toBeGreaterThanOrEqual(16);
    // The test helpers empty and snapshot every table; a new model must be added there too.
    expect([...TABLES].sort()).toEqual([...expected.keys()].sort());

    const db = getDb();
    for (const [model, columns] of expected) {
      const rows =
        getDatabaseKind() === "postgres"
          ? await db.$queryRawUnsafe<{ name: string }[]>(
              `SELECT column_name::text AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`,
              model,
            )
          : await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM pragma_table_info(?)`, model);
      // Columns the database keeps for itself (PostgreSQL's generated tsvector for search).
      const databaseOnly = new Set(model === "SearchDocument" ? ["tsv"] : []);
      expect(
        rows
          .map((row) => row.name)
          .filter((name) => !databaseOnly.has(name))
          .sort(),
        `columns of ${model}`,
      ).toEqual(columns);
    }
  });
});
