import { getEnv } from "@/lib/env";
import { applyMigrations } from "@/lib/migrations/apply";

const env = getEnv();
const result = await applyMigrations(env);
const where = env.databaseKind === "postgres" ? "PostgreSQL" : env.sqliteFile;
console.log(
  result.applied.length > 0
    ? `Applied ${result.applied.length} migration(s) to ${where}: ${result.applied.join(", ")}`
    : `Database ${where} is up to date (${result.alreadyApplied} migration(s)).`,
);
