// npm run restore -- <file.jsonl>
// Restores a workspace export into the database DATABASE_URL names (SQLite or PostgreSQL), which
// must be empty: migrates it first, refuses a file of another format version or schema, writes
// everything in one transaction, then rebuilds the search index. Decision 0014.
import { createReadStream, statSync } from "node:fs";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { disconnectDb, getDb } from "@/lib/db";
import { type AppEnv, getEnv } from "@/lib/env";
import { applyMigrations } from "@/lib/migrations/apply";
import { restoreWorkspace } from "@/lib/workspace/restore";
import { describeRestore } from "@/lib/workspace/summary";

const USAGE = "usage: npm run restore -- <file.jsonl>";

function fail(message: string, code = 1): never {
  console.error(`✗ ${message}`);
  process.exit(code);
}

let positionals: string[] = [];
try {
  const parsed = parseArgs({ allowPositionals: true, options: { help: { type: "boolean", short: "h" } } });
  if (parsed.values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  positionals = parsed.positionals;
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`, 2);
}
if (positionals.length !== 1) fail(`name the file to restore\n${USAGE}`, 2);
const file = positionals[0]!;
try {
  if (!statSync(file).isFile()) fail(`${file} is not a file`, 2);
} catch {
  fail(`cannot read ${file}`, 2);
}

let env: AppEnv;
try {
  env = getEnv();
} catch (error) {
  fail((error as Error).message);
}
const where = env.databaseKind === "postgres" ? "PostgreSQL" : env.sqliteFile;
const started = Date.now();
const input = createReadStream(file, { encoding: "utf8" });
let lines: ReturnType<typeof createInterface> | undefined;
try {
  const migrated = await applyMigrations(env);
  if (migrated.applied.length > 0) console.log(`• ${where}: applied ${migrated.applied.join(", ")}`);
  // Made just before it is read: readline drops the lines it reads before anyone iterates it.
  lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  const report = await restoreWorkspace(getDb(), lines, {
    log: (line) => console.log(`• ${line}`),
    onTable: (table, rows) => console.log(`  ${table.padEnd(22)} ${rows.toLocaleString("en")}`),
  });
  for (const line of describeRestore(report, { file, to: where, seconds: (Date.now() - started) / 1000 }))
    console.log(line);
} catch (error) {
  const message = (error as Error).message;
  fail(message.startsWith("line") ? `${file}, ${message}` : message);
} finally {
  lines?.close();
  input.destroy();
  await disconnectDb();
}
