// `npm test`: the whole suite on SQLite, then on PostgreSQL, then the browser tests.
// PostgreSQL and Chromium are required: if one is missing the run fails and says so, it
// never silently skips. TEST_DATABASES=sqlite (or postgres) narrows a local run to one
// database; arguments (a test file) run only those vitest tests.
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
    env: {
      ...process.env,
      TEST_DATABASE: database,
      TEST_RUN_ID: runId,
      TEST_SQLITE_DIR: sqliteDir,
      TEST_POSTGRES_URL: postgresUrl,
    },
  });
  if (database === "postgres")
    await dropRunSchemas().catch((error) => console.error(`(could not drop test schemas: ${error.message})`));
  rmSync(join(root, "data", "test"), { recursive: true, force: true });
  if (existsSync(report)) {
    const counts = JSON.parse(readFileSync(report, "utf8")) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
    };
    totals.passed += counts.numPassedTests;
    totals.failed += counts.numFailedTests;
    totals.skipped += counts.numPendingTests;
    rmSync(report, { force: true });
  }
  if (result.status !== 0 || !existsSync(join(root, "node_modules/.bin/vitest"))) failures.push(database);
}

// Browser tests (a real server and Chromium). TEST_E2E=0 leaves them out of a local run, loudly.
if (process.env.TEST_E2E === "0") {
  console.log("\n!! Browser tests NOT run (TEST_E2E=0).");
} else if (extraArgs.length === 0) {
  console.log("\n━━ Browser tests (Chromium) ━━");
  const summaryFile = join(root, "test-results", "e2e-summary.json");
  rmSync(summaryFile, { force: true });
  const result = spawnSync(
    process.execPath,
    [join(root, "node_modules/tsx/dist/cli.mjs"), join(root, "tests/e2e/run.ts")],
    {
      cwd: root,
      stdio: "inherit",
      env: process.env,
    },
  );
  if (existsSync(summaryFile)) {
    const summary = JSON.parse(readFileSync(summaryFile, "utf8")) as { passed: number; failed: number };
    totals.passed += summary.passed;
    totals.failed += summary.failed;
  }
  if (result.status !== 0) failures.push("browser");
}

// The plain closing line CI reads: every suite together.
console.log(
  `\ntests: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`,
);
if (totals.passed === 0) failures.push("no test ran");
if (failures.length > 0) {
  console.error(`\n✗ Tests failed on: ${failures.join(", ")}`);
  process.exit(1);
}
console.log(`\n✓ All tests passed on: ${databases.join(", ")}`);
