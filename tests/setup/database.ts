// Points lib/env at this worker's own database before any test imports lib/db:
// a fresh migrated SQLite file per worker, or a PostgreSQL schema per worker.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll } from "vitest";

const kind = process.env.TEST_DATABASE ?? "sqlite";
const runId = process.env.TEST_RUN_ID ?? `local${process.pid}`;
const worker = process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? "0";

if (kind === "postgres") {
  process.env.DATABASE_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
  process.env.DATABASE_SCHEMA = `test_${runId}_w${worker}`.toLowerCase().replace(/[^a-z0-9_]/g, "_");
} else if (kind === "sqlite") {
  const dir = process.env.TEST_SQLITE_DIR ?? join(process.cwd(), "data", "test");
  mkdirSync(dir, { recursive: true });
  process.env.DATABASE_URL = `file:${join(dir, `${runId}-w${worker}.db`)}`;
  delete process.env.DATABASE_SCHEMA;
} else {
  throw new Error(`TEST_DATABASE must be sqlite or postgres, not "${kind}"`);
}
process.env.APP_MODE = "sample";
process.env.DATA_DIR = join(process.cwd(), "data", "test", `${runId}-w${worker}-data`);

beforeAll(async () => {
  const { getEnv } = await import("@/lib/env");
  const { applyMigrations } = await import("@/lib/migrations/apply");
  await applyMigrations(getEnv());
});
