import { disconnectDb, getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { applyMigrations } from "@/lib/migrations/apply";
import { loadSampleData } from "@/prisma/sample/load";

const env = getEnv();
if (env.APP_MODE !== "sample") {
  // The sample data brings demo accounts, an admin among them, with known passwords.
  console.error(
    "✗ db:seed loads the sample corpus and demo accounts (an admin among them): not into a production database.\n" +
      "  Set APP_MODE=sample to load them here (the default with PostgreSQL is production).",
  );
  process.exit(2);
}
await applyMigrations(env);
try {
  const report = await loadSampleData(getDb(), { dataDir: env.DATA_DIR, log: (line) => console.log(line) });
  if (report.credentials.length > 0) {
    console.log("\nDemo accounts (sample mode only):");
    for (const account of report.credentials)
      console.log(`  ${account.role.padEnd(12)} ${account.email}  ${account.password}`);
  }
} finally {
  await disconnectDb();
}
