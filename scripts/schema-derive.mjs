// Derives the PostgreSQL schema from the SQLite one (the single source of truth).
// Only the generator (its output, and Prisma's relation joins, which PostgreSQL supports and SQLite
// does not: decision 0026) and the datasource differ; the models must stay identical, which
// tests/db/schema-drift.test.ts checks.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const sqliteSchemaPath = resolve(root, "prisma/schema.prisma");
export const postgresSchemaPath = resolve(root, "prisma/postgres/schema.prisma");

const HEADER = "// GENERATED from prisma/schema.prisma by `npm run db:schema:derive`. Do not edit.\n";

export function derivePostgresSchema(sqliteSchema) {
  const replaced = sqliteSchema
    .replace(/^\/\/ The single source of truth[\s\S]*?\n\n/m, "")
    .replace(/output\s*=\s*"\.\.\/lib\/generated\/sqlite"/, 'output     = "../../lib/generated/postgres"')
    .replace(/(engineType\s*=\s*"client"\n)/, '$1  previewFeatures = ["relationJoins"]\n')
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/url\s*=\s*"file:[^"]*"/, 'url      = "postgresql://postgres@127.0.0.1:5432/test"');
  if (
    replaced.includes('"sqlite"') ||
    !replaced.includes("lib/generated/postgres") ||
    !replaced.includes("relationJoins")
  ) {
    throw new Error("schema-derive: prisma/schema.prisma no longer has the expected generator/datasource shape");
  }
  return HEADER + replaced;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const derived = derivePostgresSchema(readFileSync(sqliteSchemaPath, "utf8"));
  mkdirSync(dirname(postgresSchemaPath), { recursive: true });
  writeFileSync(postgresSchemaPath, derived);
  console.log(`wrote ${postgresSchemaPath}`);
}
