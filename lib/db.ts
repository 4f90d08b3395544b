import "server-only";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { reportWrites } from "@/lib/cache/public-reads";
import { allowDirectConnections } from "@/lib/direct-sql";
import { type AppEnv, getEnv } from "@/lib/env";
import { type Prisma as PostgresPrisma, PrismaClient as PostgresPrismaClient } from "@/lib/generated/postgres/client";
import { type Prisma, PrismaClient } from "@/lib/generated/sqlite/client";

// Both generated clients come from one schema (the PostgreSQL one is derived from the
// SQLite one), so they expose the same API; the SQLite client's types serve for both.
export type Db = PrismaClient;
export type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/**
 * The PostgreSQL client, typed as the Db it is. TypeScript cannot relate two separately
 * generated copies of Prisma's conditional types (`GetScalarType` in one client is not the
 * other's), so it cannot see that the clients agree. They do because the PostgreSQL schema
 * is derived from the SQLite one (scripts/schema-derive.mjs, checked by
 * tests/db/schema-drift.test.ts), and the compile-time checks below fail the build if the two
 * ever differ in a model, a field's type or a relation. The overload is the one place the
 * two client types meet: it accepts only the PostgreSQL client, nothing else, and returns it
 * unchanged.
 */
function asDb(client: PostgresPrismaClient): Db;
function asDb(client: Db | PostgresPrismaClient): Db | PostgresPrismaClient {
  return client;
}

type ModelShapes<Map extends { model: Record<string, { payload: { scalars: unknown; objects: unknown } }> }> = {
  [Model in keyof Map["model"]]: {
    scalars: Map["model"][Model]["payload"]["scalars"];
    relations: keyof Map["model"][Model]["payload"]["objects"];
  };
};
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// Compile-time only: `true` type-checks only while both clients have the same models, fields and relations.
const clientsAgree: Same<ModelShapes<Prisma.TypeMap>, ModelShapes<PostgresPrisma.TypeMap>> = true;
void clientsAgree;

export type DatabaseKind = AppEnv["databaseKind"];

export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

type DbHolder = { client?: Db; kind?: DatabaseKind };
const holder = globalThis as typeof globalThis & { __factcheckDb?: DbHolder };
holder.__factcheckDb ??= {};

export type DbOptions = {
  /** Called with each statement sent to the database (a test counts a read's round trips with it). */
  onQuery?: (statement: string) => void;
};

export function createDb(env: AppEnv = getEnv(), options: DbOptions = {}): Db {
  // Errors reach the caller as exceptions; logging them here too would print expected conflicts as noise.
  const printed = env.LOG_QUERIES ? (["query", "warn", "error"] as const) : (["warn"] as const);
  const log = options.onQuery ? [...printed, { emit: "event", level: "query" } as const] : printed;
  // The generated clients type `$on("query")` only when their `log` option is a literal naming the
  // event; here it depends on `options`, so each client is handed over as what it then is.
  const watch = (client: { $on(event: "query", listener: (event: { query: string }) => void): void }) => {
    if (options.onQuery) client.$on("query", (event) => options.onQuery!(event.query));
  };
  if (env.databaseKind === "postgres") {
    const schema = env.DATABASE_SCHEMA;
    const adapter = allowDirectConnections(
      new PrismaPg(
        {
          connectionString: env.DATABASE_URL!,
          max: env.DATABASE_POOL_SIZE,
          ...(schema ? { options: `-c search_path="${schema}"` } : {}),
        },
        schema ? { schema } : undefined,
      ),
    );
    const client = asDb(new PostgresPrismaClient({ adapter, log: [...log] }));
    watch(client as unknown as Parameters<typeof watch>[0]);
    return reportWrites(client, client);
  }
  mkdirSync(dirname(env.sqliteFile), { recursive: true });
  // WAL mode is persistent in the file; lib/migrations/apply.ts switches it on.
  // Bulk writes go straight to a transaction's connection (lib/direct-sql.ts).
  const adapter = allowDirectConnections(
    new PrismaBetterSQLite3({ url: `file:${env.sqliteFile}`, timeout: SQLITE_BUSY_TIMEOUT_MS }),
  );
  const client = new PrismaClient({ adapter, log: [...log] });
  watch(client as unknown as Parameters<typeof watch>[0]);
  // Every write that commits marks the anonymous readers' cache out of date (lib/cache/public-reads.ts).
  return reportWrites(client, client);
}

/** The process-wide database client (SQLite by default, PostgreSQL when DATABASE_URL says so). */
export function getDb(): Db {
  const state = holder.__factcheckDb!;
  if (!state.client) {
    const env = getEnv();
    state.client = createDb(env);
    state.kind = env.databaseKind;
  }
  return state.client;
}

export function getDatabaseKind(): DatabaseKind {
  return getEnv().databaseKind;
}

export async function disconnectDb(): Promise<void> {
  const state = holder.__factcheckDb!;
  if (state.client) {
    const client = state.client;
    state.client = undefined;
    await client.$disconnect();
  }
}
