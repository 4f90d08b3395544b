// `npm start`: generate the database clients if needed, migrate, load the sample corpus
// into an empty database (sample mode), build if the sources changed, then serve.
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
const { getEnv } = await import("@/lib/env");
const { applyMigrations } = await import("@/lib/migrations/apply");
const { disconnectDb, getDb } = await import("@/lib/db");
const { isDatabaseEmpty, loadSampleData, readDemoCredentials } = await import("@/prisma/sample/load");

const env = getEnv();
if (!env.NEXTAUTH_URL) {
  if (env.APP_MODE === "sample") {
    // On a laptop the app is reached as localhost, 127.0.0.1 or a LAN address: take the origin from the request.
    process.env.AUTH_TRUST_HOST = "true";
  } else {
    console.warn(
      "! NEXTAUTH_URL is not set: set it to the public URL of this installation (e.g. https://factcheck.example.org).",
    );
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
const { ensureSearchIndex } = await import("@/lib/search/maintenance");
await ensureSearchIndex(getDb(), (line) => console.log(`• ${line}`));
await disconnectDb();

if (!dev) buildIfNeeded(false);

const port = String(env.PORT);
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
