// `npm test`: the whole suite on SQLite, then on PostgreSQL. PostgreSQL is required:
// if it cannot be reached the run fails and says so, it never silently skips.
// TEST_DATABASES=sqlite (or postgres) narrows a local run to one database.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import pg from "pg";

const root = resolve(import.meta.dirname, "..");
const postgresUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const databases = (process.env.TEST_DATABASES ?? "sqlite,postgres").split(",").map((name) => name.trim());
const runId = `r${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
const extraArgs = process.argv.slice(2);

async function checkPostgres(): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    console.error(
      `\n✗ PostgreSQL is required for the test suite but ${postgresUrl} is unreachable: ${(error as Error).message}\n` +
        "  Start it (pg_ctlcluster <version> main start) or set TEST_POSTGRES_URL.",
    );
    process.exit(1);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function dropRunSchemas(): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      "SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE $1",
      [`test_${runId.toLowerCase()}%`],
    );
    for (const row of rows) await client.query(`DROP SCHEMA "${row.name}" CASCADE`);
  } finally {
    await client.end();
  }
}

const failures: string[] = [];
const totals = { passed: 0, failed: 0, skipped: 0 };
for (const database of databases) {
  if (database !== "sqlite" && database !== "postgres") {
    console.error(`✗ Unknown database in TEST_DATABASES: ${database}`);
    process.exit(2);
  }
  if (database === "postgres") await checkPostgres();
  console.log(`\n━━ Test suite on ${database === "postgres" ? "PostgreSQL" : "SQLite"} ━━`);
  const sqliteDir = join(root, "data", "test", runId);
  const report = join(root, "data", `vitest-${runId}-${database}.json`);
  const reporters = ["--reporter=default", "--reporter=json", `--outputFile.json=${report}`];
  const result = spawnSync(join(root, "node_modules/.bin/vitest"), ["run", ...reporters, ...extraArgs], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, TEST_DATABASE: database, TEST_RUN_ID: runId, TEST_SQLITE_DIR: sqliteDir, TEST_POSTGRES_URL: postgresUrl },
  });
  if (database === "postgres") await dropRunSchemas().catch((error) => console.error(`(could not drop test schemas: ${error.message})`));
  rmSync(join(root, "data", "test"), { recursive: true, force: true });
  if (existsSync(report)) {
    const counts = JSON.parse(readFileSync(report, "utf8")) as { numPassedTests: number; numFailedTests: number; numPendingTests: number };
    totals.passed += counts.numPassedTests;
    totals.failed += counts.numFailedTests;
    totals.skipped += counts.numPendingTests;
    rmSync(report, { force: true });
  }
  if (result.status !== 0 || !existsSync(join(root, "node_modules/.bin/vitest"))) failures.push(database);
}

// The plain closing line CI reads: both databases together.
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`);
if (totals.passed === 0) failures.push("no test ran");
if (failures.length > 0) {
  console.error(`\n✗ Tests failed on: ${failures.join(", ")}`);
  process.exit(1);
}
console.log(`\n✓ All tests passed on: ${databases.join(", ")}`);
