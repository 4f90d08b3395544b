// Creates a migration for both databases from the change between the schema as last
// migrated (prisma/migrations/schema.snapshot.prisma) and prisma/schema.prisma. Needs no
// database: `prisma migrate diff` compares the two schema files.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { derivePostgresSchema, postgresSchemaPath, root, sqliteSchemaPath } from "./schema-derive.mjs";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration:new -- <name_in_snake_case>");
  process.exit(2);
}
const snapshotPath = resolve(root, "prisma/migrations/schema.snapshot.prisma");
const schema = readFileSync(sqliteSchemaPath, "utf8");
const snapshot = readFileSync(snapshotPath, "utf8");
if (schema === snapshot) {
  console.log("prisma/schema.prisma has not changed since the last migration.");
  process.exit(0);
}
writeFileSync(postgresSchemaPath, derivePostgresSchema(schema));

const scratch = mkdtempSync(join(tmpdir(), "migration-"));
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
for (const [kind, current, previous, dir] of [
  ["sqlite", schema, snapshot, "prisma/migrations"],
  ["postgres", derivePostgresSchema(schema), derivePostgresSchema(snapshot), "prisma/postgres/migrations"],
] as const) {
  const from = join(scratch, `${kind}-from.prisma`);
  const to = join(scratch, `${kind}-to.prisma`);
  writeFileSync(from, previous);
  writeFileSync(to, current);
  const sql = execFileSync(
    join(root, "node_modules/.bin/prisma"),
    ["migrate", "diff", "--from-schema-datamodel", from, "--to-schema-datamodel", to, "--script"],
    { cwd: root, encoding: "utf8" },
  );
  const target = resolve(root, dir, `${stamp}_${name}`);
  mkdirSync(target, { recursive: true });
  writeFileSync(join(target, "migration.sql"), sql);
  console.log(`wrote ${target}/migration.sql`);
}
writeFileSync(snapshotPath, schema);
