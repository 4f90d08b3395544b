// Browser tests: a real `npm start` on a fresh sample database, driven by Debian's Chromium.
// Run by `npm test` (after the database suites) or alone with `npm run test:e2e`.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { discoveryFlow } from "./discovery.flow";
import { moderationFlow } from "./moderation.flow";
import { reviewFlow } from "./review.flow";

const root = resolve(import.meta.dirname, "../..");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const ARTIFACTS = join(root, "test-results");

export type Context = {
  baseUrl: string;
  browser: Browser;
  accounts: { email: string; role: string; password: string }[];
  screenshot: (page: Page, name: string, options?: { fullPage?: boolean }) => Promise<void>;
};
type Flow = { name: string; run: (context: Context) => Promise<void> };

const FLOWS: Flow[] = [moderationFlow, reviewFlow, discoveryFlow];

async function waitForServer(url: string, server: ChildProcess, log: () => string) {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`npm start exited (${server.exitCode}) before serving:\n${log()}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((done) => setTimeout(done, 500));
  }
  throw new Error(`npm start did not answer within 3 minutes:\n${log()}`);
}

async function main() {
  if (!existsSync(CHROMIUM)) {
    console.error(`✗ Browser tests need Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH).`);
    process.exit(1);
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), "factcheck-e2e-"));
  const port = 3900 + Math.floor(Math.random() * 90);
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = "";
  const server = spawn(
    process.execPath,
    [join(root, "node_modules/tsx/dist/cli.mjs"), join(root, "scripts/start.ts")],
    {
      cwd: root,
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: String(port),
        DATABASE_URL: "",
        APP_MODE: "sample",
        NEXTAUTH_URL: baseUrl,
      },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    },
  );
  server.stdout!.on("data", (chunk) => (output += chunk));
  server.stderr!.on("data", (chunk) => (output += chunk));

  let browser: Browser | undefined;
  let passed = 0;
  let failed = 0;
  try {
    await waitForServer(baseUrl, server, () => output);
    const accounts = JSON.parse(readFileSync(join(dataDir, "demo-accounts.json"), "utf8"));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
    const context: Context = {
      baseUrl,
      browser,
      accounts,
      screenshot: async (page, name, options) => {
        await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: options?.fullPage ?? true });
      },
    };
    for (const flow of FLOWS) {
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
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {
      // already gone
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
  writeFileSync(join(ARTIFACTS, "e2e-summary.json"), JSON.stringify({ passed, failed }));
  console.log(`\ne2e: ${passed} passed, ${failed} failed`);
  if (failed > 0 || passed === 0) process.exit(1);
}

await main();
