// `npm start`: generate the database clients if needed, migrate, load the sample corpus
// into an empty database (sample mode) or print the first admin's setup link (production mode,
// while there is no admin), build if the sources changed, then serve.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const dev = process.argv.includes("--dev");
// `npm run build`: build and record the fingerprint so the next `npm start` does not build again.
const buildOnly = process.argv.includes("--build-only");
process.env.NEXT_TELEMETRY_DISABLED = "1";

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: process.env });
  if (result.status !== 0) {
    console.error(`\n✗ ${command} ${args.join(" ")} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}

if (
  !existsSync(join(root, "lib/generated/sqlite/client.ts")) ||
  !existsSync(join(root, "lib/generated/postgres/client.ts"))
) {
  run(process.execPath, [join(root, "scripts/generate-clients.mjs")]);
}

function fingerprint(): string {
  const hash = createHash("sha256");
  const visit = (path: string) => {
    if (!existsSync(path)) return;
    const stats = statSync(path);
    if (stats.isDirectory()) {
      for (const entry of readdirSync(path).sort()) {
        if (entry === "generated" || entry === "node_modules" || entry.startsWith(".")) continue;
        visit(join(path, entry));
      }
    } else {
      hash.update(path).update(readFileSync(path));
    }
  };
  for (const entry of ["app", "components", "lib", "package-lock.json", "next.config.ts", "tsconfig.json"])
    visit(join(root, entry));
  return hash.digest("hex");
}

function buildIfNeeded(force: boolean) {
  const stamp = join(root, ".next/factcheck-build-fingerprint");
  const current = fingerprint();
  const built =
    existsSync(join(root, ".next/BUILD_ID")) && existsSync(stamp) && readFileSync(stamp, "utf8") === current;
  if (force || !built) {
    console.log("• Building the app (first start or changed sources)…");
    run(process.execPath, [join(root, "node_modules/next/dist/bin/next"), "build"]);
    writeFileSync(stamp, current);
  }
}

if (buildOnly) {
  buildIfNeeded(true);
  process.exit(0);
}

// Imported after generation: lib/db loads the generated clients.
const { getEnv, parseEnv } = await import("@/lib/env");
const { applyMigrations } = await import("@/lib/migrations/apply");
const { disconnectDb, getDb } = await import("@/lib/db");
const { isDatabaseEmpty, loadSampleData, readDemoCredentials } = await import("@/prisma/sample/load");

// A bad setting stops the start with its message, not a stack trace (with PostgreSQL the mode is
// production unless APP_MODE says otherwise, and that needs AUTH_SECRET).
const env = (() => {
  try {
    return getEnv();
  } catch (error) {
    console.error(`✗ ${(error as Error).message}`);
    process.exit(1);
  }
})();
if (!env.NEXTAUTH_URL && env.APP_MODE === "sample") {
  // A sample installation on one machine: its public URL is this port on localhost. Reached under
  // another name (127.0.0.1, a LAN address) it works too; next-auth's own redirects go to localhost.
  process.env.NEXTAUTH_URL = `http://localhost:${env.PORT}`;
  console.log(`• NEXTAUTH_URL not set: using ${process.env.NEXTAUTH_URL}`);
}
if (!dev) {
  // The server runs with NODE_ENV=production: check now what it will require, and stop with the message.
  try {
    parseEnv({ ...process.env, NODE_ENV: "production" });
  } catch (error) {
    console.error(`✗ ${(error as Error).message}`);
    process.exit(1);
  }
}
const where = env.databaseKind === "postgres" ? "PostgreSQL" : env.sqliteFile;
const migrated = await applyMigrations(env);
console.log(
  `• Database ${where}: ${migrated.applied.length ? `applied ${migrated.applied.join(", ")}` : "up to date"}`,
);

const { ensureClaimStats } = await import("@/lib/claims/stats");
const filled = await ensureClaimStats(getDb());
if (filled > 0) console.log(`• Computed vote figures of ${filled} claim(s)`);

if (env.APP_MODE === "sample") {
  const db = getDb();
  if (await isDatabaseEmpty(db)) {
    console.log("• Empty database: loading the sample corpus");
    await loadSampleData(db, { dataDir: env.DATA_DIR, log: (line) => console.log(`  ${line}`) });
  }
  const credentials = readDemoCredentials(env.DATA_DIR);
  if (credentials?.length) {
    console.log("• Demo accounts (sample mode only; passwords kept in data/demo-accounts.json):");
    for (const account of credentials)
      console.log(`    ${account.role.padEnd(12)} ${account.email.padEnd(28)} ${account.password}`);
  }
}
// No demo accounts in production mode. While there is no active admin, a one-time link (24 hours;
// each start replaces the last) lets whoever started the server create one: decision 0012.
let setupLink: string | null = null;
if (env.APP_MODE === "production") {
  const { ensureSetupLink } = await import("@/lib/users/setup");
  setupLink = await ensureSetupLink(getDb(), env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`);
}
const { ensureSearchIndex } = await import("@/lib/search/maintenance");
await ensureSearchIndex(getDb(), (line) => console.log(`• ${line}`));
await disconnectDb();

if (!dev) buildIfNeeded(false);

const port = String(env.PORT);
if (setupLink) {
  // Printed last, after any build output, so it is not lost in the scroll.
  const rule = "━".repeat(72);
  console.log(`\n${rule}\n  This installation has no admin yet. Create the first one, within 24 hours, at:\n`);
  console.log(`    ${setupLink}\n`);
  console.log(`  The link works once; restarting the server prints a new one (the old one dies).\n${rule}\n`);
}
console.log(`• Serving on http://localhost:${port}`);
const server = spawn(
  process.execPath,
  [join(root, "node_modules/next/dist/bin/next"), dev ? "dev" : "start", "-p", port],
  {
    cwd: root,
    stdio: "inherit",
    env: process.env,
  },
);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
