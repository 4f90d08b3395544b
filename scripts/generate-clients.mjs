// Generates the two Prisma clients (SQLite and PostgreSQL) that lib/db.ts chooses between.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { postgresSchemaPath, root, sqliteSchemaPath } from "./schema-derive.mjs";

const prismaBin = resolve(root, "node_modules/.bin/prisma");
if (!existsSync(prismaBin)) {
  console.error("generate-clients: node_modules/.bin/prisma is missing; run `npm install` first.");
  process.exit(1);
}
for (const schema of [sqliteSchemaPath, postgresSchemaPath]) {
  execFileSync(prismaBin, ["generate", "--schema", schema], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
  });
}
