// npm run export -- <file.jsonl> [--with-password-hashes]
// Writes the whole workspace (every table a team cares about) as JSON Lines; `npm run restore`
// reads it into an empty database of either kind. Decision 0014.
import { once } from "node:events";
import { createWriteStream, renameSync, rmSync } from "node:fs";
import { parseArgs } from "node:util";
import { disconnectDb, getDb } from "@/lib/db";
import { type AppEnv, getEnv } from "@/lib/env";
import { exportWorkspace } from "@/lib/workspace/export";
import { describeExport } from "@/lib/workspace/summary";

const USAGE = "usage: npm run export -- <file.jsonl> [--with-password-hashes]";

function fail(message: string, code = 1): never {
  console.error(`✗ ${message}`);
  process.exit(code);
}

let positionals: string[] = [];
let withPasswordHashes = false;
try {
  const parsed = parseArgs({
    allowPositionals: true,
    options: { "with-password-hashes": { type: "boolean" }, help: { type: "boolean", short: "h" } },
  });
  if (parsed.values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  positionals = parsed.positionals;
  withPasswordHashes = parsed.values["with-password-hashes"] === true;
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`, 2);
}
if (positionals.length !== 1) fail(`name the file to write\n${USAGE}`, 2);
const file = positionals[0]!;

let env: AppEnv;
try {
  env = getEnv();
} catch (error) {
  fail((error as Error).message);
}

// Written beside the target and renamed at the end: a failed export leaves no file that looks whole.
const partial = `${file}.partial-${process.pid}`;
const out = createWriteStream(partial, { encoding: "utf8", mode: withPasswordHashes ? 0o600 : 0o644 });
const started = Date.now();
try {
  const summary = await exportWorkspace(
    getDb(),
    async (chunk) => {
      if (!out.write(chunk)) await once(out, "drain");
    },
    { kind: env.databaseKind, withPasswordHashes },
  );
  out.end();
  await once(out, "finish");
  renameSync(partial, file);
  const from = env.databaseKind === "postgres" ? "PostgreSQL" : env.sqliteFile;
  for (const line of describeExport(summary, {
    file,
    from,
    seconds: (Date.now() - started) / 1000,
    withPasswordHashes,
  }))
    console.log(line);
} catch (error) {
  out.destroy();
  rmSync(partial, { force: true });
  fail(`export failed, no file written: ${(error as Error).message}`);
} finally {
  await disconnectDb();
}
