// Browser tests: a real `npm start` on a fresh sample database, driven by Chromium (see ./browser.ts
// for which one). Run by `npm test` (after the database suites) or alone with `npm run test:e2e`.
// SIGINT and SIGTERM stop the server's whole process group and the browser before exiting.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { chooseChromium } from "./browser";
import { discoveryFlow } from "./discovery.flow";
import { importFlow } from "./import.flow";
import { instancesFlow } from "./instances.flow";
import { journeysFlow } from "./journeys.flow";
import { moderationFlow } from "./moderation.flow";
import { peoplePickerFlow } from "./people-picker.flow";
import { phoneFlow } from "./phone.flow";
import { questionsFlow } from "./questions.flow";
import { reviewFlow } from "./review.flow";
import { versionsFlow } from "./versions.flow";

const root = resolve(import.meta.dirname, "../..");
export const ARTIFACTS = join(root, "test-results");
// Screenshots of a run on PostgreSQL go beside those of the run on SQLite, not over them.
const SCREENSHOTS = process.env.E2E_DATABASE_URL ? join(ARTIFACTS, "postgres") : ARTIFACTS;

export type Context = {
  baseUrl: string;
  browser: Browser;
  accounts: { email: string; role: string; password: string }[];
  screenshot: (page: Page, name: string, options?: { fullPage?: boolean }) => Promise<void>;
  /** Starts one more app instance (`next start`) on the same database and data; stopped after the flow. */
  startInstance: () => Promise<{ baseUrl: string; stop: () => Promise<void> }>;
  /** A desktop-sized browser context with JavaScript off, signed in as `page` is; the caller closes it. */
  withoutJavaScript: (page: Page) => Promise<BrowserContext>;
};
type Flow = { name: string; run: (context: Context) => Promise<void> };

const FLOWS: Flow[] = [
  moderationFlow,
  reviewFlow,
  discoveryFlow,
  importFlow,
  versionsFlow,
  peoplePickerFlow,
  questionsFlow,
  phoneFlow,
  instancesFlow,
  // Last: it walks everything again at both widths, on what the flows above left.
  journeysFlow,
];

async function waitForServer(url: string, server: ChildProcess, log: () => string) {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode}) before serving:\n${log()}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((done) => setTimeout(done, 500));
  }
  throw new Error(`the server did not answer within 3 minutes:\n${log()}`);
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.on("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? done(address.port) : fail(new Error("no free port")),
      );
    });
  });
}

async function main() {
  let choice: Awaited<ReturnType<typeof chooseChromium>>;
  try {
    choice = await chooseChromium();
  } catch (error) {
    console.error(`✗ Browser tests: ${(error as Error).message}`);
    process.exit(1);
  }
  console.log(`  Chromium: ${choice.origin}; database: ${process.env.E2E_DATABASE_URL ? "PostgreSQL" : "SQLite"}`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), "factcheck-e2e-"));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = "";
  const serverEnv = (port: number, url: string): NodeJS.ProcessEnv => ({
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    // SQLite in the data directory, unless the suite runs the flows on PostgreSQL too
    // (scripts/test.ts gives a server and a schema of their own).
    DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
    ...(process.env.E2E_DATABASE_SCHEMA ? { DATABASE_SCHEMA: process.env.E2E_DATABASE_SCHEMA } : {}),
    APP_MODE: "sample",
    NEXTAUTH_URL: url,
  });
  const server = spawn(
    process.execPath,
    // react-server: lib's "server-only" modules load as in Next.js's server (see `npm start`).
    [join(root, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", join(root, "scripts/start.ts")],
    { cwd: root, env: serverEnv(port, baseUrl), stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  server.stdout!.on("data", (chunk) => (output += chunk));
  server.stderr!.on("data", (chunk) => (output += chunk));

  let browser: Browser | undefined;
  /** Stops a server's whole process group and waits for it to go, so the next run finds the port free. */
  const stopGroup = async (child: ChildProcess) => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      return; // already gone
    }
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && groupAlive(child.pid!)) await new Promise((done) => setTimeout(done, 100));
    if (groupAlive(child.pid!)) process.kill(-child.pid!, "SIGKILL");
  };
  const instances = new Set<ChildProcess>();
  const stopServer = async () => {
    await Promise.all([...instances].map(stopGroup));
    await stopGroup(server);
  };
  // The database is migrated and loaded by the first instance: another one only serves.
  const startInstance = async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    let log = "";
    const child = spawn(
      process.execPath,
      [join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port)],
      {
        cwd: root,
        env: serverEnv(port, url),
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      },
    );
    instances.add(child);
    child.stdout!.on("data", (chunk) => (log += chunk));
    child.stderr!.on("data", (chunk) => (log += chunk));
    const stop = async () => {
      await stopGroup(child);
      instances.delete(child);
    };
    try {
      await waitForServer(url, child, () => log);
    } catch (error) {
      await stop();
      throw error;
    }
    return { baseUrl: url, stop };
  };
  // Listening (not once): a second signal while stopping must not kill this process and leave the
  // server behind.
  let stopping = false;
  const signalNumbers = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
  for (const signal of Object.keys(signalNumbers) as (keyof typeof signalNumbers)[]) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      void Promise.allSettled([browser?.close(), stopServer()]).finally(() => {
        rmSync(dataDir, { recursive: true, force: true });
        process.exit(128 + signalNumbers[signal]);
      });
    });
  }
  let passed = 0;
  let failed = 0;
  try {
    await waitForServer(baseUrl, server, () => output);
    const accounts = JSON.parse(readFileSync(join(dataDir, "demo-accounts.json"), "utf8"));
    const launched = await chromium.launch({
      executablePath: choice.executablePath,
      args: choice.args,
      headless: true,
    });
    browser = launched;
    const context: Context = {
      baseUrl,
      browser: launched,
      accounts,
      screenshot: async (page, name, options) => {
        await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: options?.fullPage ?? true });
      },
      startInstance,
      withoutJavaScript: async (page) =>
        launched.newContext({
          javaScriptEnabled: false,
          storageState: await page.context().storageState(),
          viewport: { width: 1280, height: 900 },
        }),
    };
    // E2E_ONLY=<words> runs the flows whose name holds them (while working on one); said aloud.
    const only = process.env.E2E_ONLY;
    const chosen = only ? FLOWS.filter((flow) => flow.name.includes(only)) : FLOWS;
    if (only) console.log(`  E2E_ONLY="${only}": ${chosen.length} of ${FLOWS.length} flows`);
    for (const flow of chosen) {
      const started = Date.now();
      try {
        await flow.run(context);
        passed++;
        console.log(`  ✓ ${flow.name} (${Date.now() - started} ms)`);
      } catch (error) {
        failed++;
        console.error(`  ✗ ${flow.name}: ${(error as Error).stack ?? error}`);
      }
    }
  } finally {
    await browser?.close();
    await stopServer();
    rmSync(dataDir, { recursive: true, force: true });
  }
  writeFileSync(join(ARTIFACTS, "e2e-summary.json"), JSON.stringify({ passed, failed }));
  console.log(`\ne2e: ${passed} passed, ${failed} failed`);
  if (failed > 0 || passed === 0) process.exit(1);
}

await main();
