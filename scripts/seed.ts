import { disconnectDb, getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { applyMigrations } from "@/lib/migrations/apply";
import { loadSampleData } from "@/prisma/sample/load";

const env = getEnv();
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
