import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { cache } from "react";
import type { MaybeActor } from "@/lib/permissions";

// Anonymous readers are served from memory; every app instance on one database knows when its copy
// is out of date. See docs/decisions/0024-cached-public-reads.md.
//
// Every database client the app creates (lib/db.ts createDb) reports its writes here. After a write
// commits (a transaction ends, or a single statement outside one returns) and before it returns to
// its caller, the one row of CacheGeneration gets a new random token. An anonymous read first reads
// that token, in one query, and serves its remembered answer only when it was computed under the
// same token. A write acknowledged by any instance has therefore replaced the token every instance
// reads next, so no reader is served an answer from before it.

/** Writes that change nothing a reader sees: sign-in bookkeeping, counters and the token itself. */
const UNSEEN_MODELS = new Set(["Session", "VerificationToken", "SignInAttempt", "RateLimitEvent", "CacheGeneration"]);
/** What a cached answer must not be built on (the token itself is read by nested cached reads). */
const UNCACHEABLE_MODELS = new Set([...UNSEEN_MODELS].filter((model) => model !== "CacheGeneration"));
const UNCACHEABLE_TABLE_IN_SQL = new RegExp(`"(?:${[...UNCACHEABLE_MODELS].join("|")})"`);

const WRITE_OPERATIONS = new Set([
  "create",
  "createMany",
  "createManyAndReturn",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "upsert",
  "delete",
  "deleteMany",
  "$executeRaw",
  "$executeRawUnsafe",
]);
const RAW_QUERIES = new Set(["$queryRaw", "$queryRawUnsafe"]);
const WRITING_SQL = /\b(?:INSERT|UPDATE|DELETE|REPLACE|TRUNCATE|DROP|ALTER|CREATE)\b/i;

/** The SQL text of a raw operation's arguments (a tagged template's strings, or the unsafe form's string). */
function sqlOf(args: unknown): string {
  if (typeof args === "string") return args;
  if (Array.isArray(args)) return typeof args[0] === "string" ? args[0] : sqlOf(args[0]);
  if (args && typeof args === "object") {
    const record = args as { strings?: unknown; sql?: unknown };
    if (Array.isArray(record.strings)) return record.strings.join("?");
    if (typeof record.sql === "string") return record.sql;
  }
  return "";
}

/** Whether an operation may change what readers see (every $executeRaw, and raw queries whose SQL writes). */
export function changesReadableData(model: string | undefined, operation: string, args: unknown): boolean {
  if (model && UNSEEN_MODELS.has(model)) return false;
  if (WRITE_OPERATIONS.has(operation)) return true;
  if (RAW_QUERIES.has(operation)) return WRITING_SQL.test(sqlOf(args));
  return false;
}

type TransactionState = { wrote: boolean };
const inTransaction = new AsyncLocalStorage<TransactionState>();
const inCachedLoad = new AsyncLocalStorage<string>();

/** The minimal client surface this module needs: the token row, read and replaced. */
export type GenerationClient = {
  cacheGeneration: {
    findUnique(args: { where: { id: number }; select: { token: true } }): Promise<{ token: string } | null>;
    upsert(args: {
      where: { id: number };
      create: { id: number; token: string };
      update: { token: string };
    }): Promise<unknown>;
  };
};

const GENERATION_ROW = 1;

async function replaceToken(client: GenerationClient): Promise<void> {
  const token = randomUUID();
  try {
    await client.cacheGeneration.upsert({
      where: { id: GENERATION_ROW },
      create: { id: GENERATION_ROW, token },
      update: { token },
    });
  } catch (error) {
    // The write itself has committed: failing it now would tell its author it did not happen. This
    // instance forgets everything; others keep their answers until they expire (CACHE_TTL_MS).
    console.error(`Could not mark cached reads out of date: ${(error as Error).message}`);
    for (const store of stores) store.clear();
  }
}

/**
 * Wraps a Prisma client so that every write that commits replaces the generation token before it
 * returns. `base` is the same client without the hook: the token is written through it.
 */
export function reportWrites<Client extends object>(client: Client, base: GenerationClient): Client {
  // biome-ignore lint/suspicious/noExplicitAny: Prisma's $extends types differ per generated client.
  const hooked = (client as any).$extends({
    name: "public-read-cache",
    query: {
      async $allOperations({
        model,
        operation,
        args,
        query,
      }: {
        model?: string;
        operation: string;
        args: unknown;
        query: (args: unknown) => Promise<unknown>;
      }) {
        const loading = inCachedLoad.getStore();
        if (loading && (model ? UNCACHEABLE_MODELS.has(model) : UNCACHEABLE_TABLE_IN_SQL.test(sqlOf(args)))) {
          // A cached answer built on data whose writes do not invalidate it could go stale unnoticed.
          throw new Error(`The cached read ${loading} reads ${model ?? "a table"} whose writes do not invalidate it`);
        }
        const result = await query(args);
        if (changesReadableData(model, operation, args)) {
          const transaction = inTransaction.getStore();
          if (transaction) transaction.wrote = true;
          else await replaceToken(base);
        }
        return result;
      },
    },
  }) as Client & { $transaction: (...args: unknown[]) => Promise<unknown> };
  const transaction = async (...args: unknown[]) => {
    // A batch's statements are not looked at one by one: any batch counts as a write.
    const state: TransactionState = { wrote: Array.isArray(args[0]) };
    // A transaction that throws has rolled back: nothing readers see has changed. (A write through the
    // root client inside a transaction's callback counts as the transaction's; lib never makes one.)
    const result = await inTransaction.run(state, () => hooked.$transaction(...args));
    if (state.wrote) await replaceToken(base);
    return result;
  };
  return new Proxy(hooked, {
    get(target, property) {
      if (property === "$transaction") return transaction;
      return Reflect.get(target, property, target);
    },
  });
}

/** How long an answer may be kept at most, whatever the token says (a crash between commit and token). */
export const CACHE_TTL_MS = 5 * 60_000;
/** Roughly how much memory the remembered answers may take, and one answer at most (a whole book's text is not kept). */
const MAX_BYTES = 64 * 1024 * 1024;
const MAX_ENTRY_BYTES = 4 * 1024 * 1024;

type Entry = { token: string; value: unknown; expires: number; bytes: number };

/** An estimate of an answer's size in memory: its strings (two bytes a character) and a little per value. */
function approximateBytes(value: unknown): number {
  if (typeof value === "string") return 16 + value.length * 2;
  if (value === null || typeof value !== "object") return 16;
  let bytes = 32;
  for (const child of Object.values(value)) bytes += approximateBytes(child);
  return bytes;
}

/** One process's remembered answers. Tests make two to stand for two app instances. */
export class PublicReadCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(private readonly maxBytes = MAX_BYTES) {
    stores.add(this);
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  private forget(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }

  get size(): number {
    return this.entries.size;
  }

  async read<T>(db: GenerationClient, key: string, load: () => Promise<T>): Promise<T> {
    const token = await currentToken(db);
    const now = Date.now();
    const entry = this.entries.get(key);
    if (entry && entry.token === token && entry.expires > now) {
      // Most recently used last: the first entry is the one to drop.
      this.entries.delete(key);
      this.entries.set(key, entry);
      this.hits++;
      return entry.value as T;
    }
    this.misses++;
    // Readers who miss the same answer under the same token at once share one computation (a page
    // read by hundreds, just invalidated by a vote, is rendered once, not by each of them).
    const flightKey = `${token}\u0000${key}`;
    const pending = this.inFlight.get(flightKey);
    if (pending) return (await pending) as T;
    // Awaited inside: a Prisma query runs when awaited, and must run where it is watched.
    const computing = inCachedLoad.run(key, async () => await load());
    this.inFlight.set(flightKey, computing);
    let value: T;
    try {
      value = await computing;
    } finally {
      this.inFlight.delete(flightKey);
    }
    if (process.env.NODE_ENV !== "production") deepFreeze(value);
    this.forget(key);
    const bytes = approximateBytes(value);
    if (bytes > Math.min(MAX_ENTRY_BYTES, this.maxBytes)) return value;
    this.entries.set(key, { token, value, expires: now + CACHE_TTL_MS, bytes });
    this.bytes += bytes;
    for (const oldest of this.entries.keys()) {
      if (this.bytes <= this.maxBytes) break;
      this.forget(oldest);
    }
    return value;
  }
}

const stores = new Set<PublicReadCache>();

/** The token, read once per rendered page (React's request cache) and once per API call. */
const currentToken = cache(async (db: GenerationClient): Promise<string> => {
  const row = await db.cacheGeneration.findUnique({ where: { id: GENERATION_ROW }, select: { token: true } });
  return row?.token ?? "";
});

/** Callers get the very object the cache keeps: outside production, changing it throws. */
function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}

const holder = globalThis as typeof globalThis & { __factcheckPublicReads?: PublicReadCache };

/** This process's cache. */
export function publicReadCache(): PublicReadCache {
  holder.__factcheckPublicReads ??= new PublicReadCache();
  return holder.__factcheckPublicReads;
}

/**
 * `load()`, remembered for anonymous readers. Members are never served from the cache (what they see
 * depends on who they are), nor is a read inside a transaction (it may see the transaction's own
 * writes) or on a client without the token (a transaction's client). The key must name everything
 * the answer depends on besides the database.
 */
export function readPublic<T>(
  db: object,
  actor: unknown,
  key: readonly unknown[],
  load: () => Promise<T>,
  store: PublicReadCache = publicReadCache(),
): Promise<T> {
  if (actor !== null || !cacheable(db)) return load();
  return store.read(db as unknown as GenerationClient, JSON.stringify(key), load);
}

/** Not inside a transaction (it may see its own writes), and only on a client that has the token. */
function cacheable(db: object): db is GenerationClient {
  return !inTransaction.getStore() && "$transaction" in db && "cacheGeneration" in db;
}

/**
 * A query function `(db, actor, ...args)` whose answers are remembered for each reader: keyed by
 * its name, who reads (anonymous, or a member by id and role) and its arguments, and checked
 * against the token like every answer, so a member never sees their page as it was before a write,
 * their own or anyone's. For reads that cost a member most (the claim page with its suggested
 * evidence); the answer must depend on nothing but the database, the reader and the arguments (not
 * on the time). The system actor (scripts) is never served from memory.
 */
export function cachedPerReader<Db extends object, Args extends unknown[], Result>(
  name: string,
  query: (db: Db, actor: MaybeActor, ...args: Args) => Promise<Result>,
): (db: Db, actor: MaybeActor, ...args: Args) => Promise<Result> {
  return (db, actor, ...args) => {
    const reader = actor === null ? "anonymous" : actor.kind === "user" ? `${actor.role}:${actor.id}` : null;
    if (reader === null || !cacheable(db)) return query(db, actor, ...args);
    return publicReadCache().read(db, JSON.stringify([name, reader, ...args]), () => query(db, actor, ...args));
  };
}

/**
 * A query function `(db, actor, ...args)` whose answers to anonymous readers are remembered
 * (readPublic), keyed by its name and arguments. The arguments must be plain data.
 */
export function cachedForAnonymous<Db extends object, Actor, Args extends unknown[], Result>(
  name: string,
  query: (db: Db, actor: Actor, ...args: Args) => Promise<Result>,
): (db: Db, actor: Actor, ...args: Args) => Promise<Result> {
  return (db, actor, ...args) => readPublic(db, actor, [name, ...args], () => query(db, actor, ...args));
}
