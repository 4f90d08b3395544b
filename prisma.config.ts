import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";
import { getEnv } from "./lib/env";

// The Prisma CLI runs without a native schema engine ("js" engine + driver adapter).
// The app itself applies migrations with lib/db/migrate.ts; this config serves
// `prisma generate` and ad-hoc CLI use (`prisma migrate diff`, `prisma studio`).
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  async adapter() {
    const env = getEnv();
    if (env.databaseKind === "postgres") {
      return new PrismaPg({ connectionString: env.DATABASE_URL! });
    }
    return new PrismaBetterSQLite3({ url: `file:${env.sqliteFile}` });
  },
});
