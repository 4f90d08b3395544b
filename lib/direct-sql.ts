import "server-only";
import { randomUUID } from "node:crypto";
import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";
import type BetterSqlite3 from "better-sqlite3";
import type { PoolClient } from "pg";
import { from as copyFrom } from "pg-copy-streams";

// Statements sent straight to the connection of a Prisma interactive transaction, past Prisma.
// Prisma hands every statement, raw ones included, to its WebAssembly query compiler, copying the
// statement and its arguments into WebAssembly memory and back: for the bulk writes of an import
// (lib/bulk-insert.ts), megabytes of rows, that copying and Prisma's bookkeeping took longer than
// the database's own work (1.9 of 4.9 s for a 5 MB source on SQLite). The transaction's
// connection is Prisma's own (better-sqlite3's database, or a pooled pg client), so a statement
// sent to it is part of the transaction: committed with it, rolled back with it.
//
// Prisma does not expose that connection. Each client's driver adapter is wrapped (lib/db.ts) so
// that a transaction it opens notices a query carrying a one-time mark; `directConnection(tx)`
// sends that query through the transaction and so learns which connection is the transaction's.
// tests/direct-sql.test.ts checks, on both databases, that this still works and that the
// statements commit and roll back with the transaction: a Prisma upgrade that breaks it fails there.

export type DirectConnection = {
  /** Runs one statement (`?` placeholders on SQLite, `$1…` on PostgreSQL); returns the rows changed. */
  execute(statement: string, values: readonly unknown[]): Promise<number>;
  /**
   * PostgreSQL only: starts a `COPY … FROM STDIN` (text format) on the transaction's connection.
   * Nothing else may be sent until it is finished.
   */
  copyIn?(statement: string): CopyInput;
};

/** Rows streamed into a COPY: the database stores them as they arrive. */
export type CopyInput = {
  /** Sends a chunk of COPY text; false when the connection's buffer is full (see drained). */
  write(chunk: Buffer): boolean;
  /** Resolves once the buffer has room again (or the COPY failed, which finish() reports). */
  drained(): Promise<void>;
  /** Ends the COPY; resolves with the rows stored, rejects with the database's error. */
  finish(): Promise<number>;
  /** Gives the COPY up (the database stores none of it), so the transaction can roll back. */
  abort(): Promise<void>;
};

const MARK = "/* factcheck:direct ";
const claimed = new Map<string, DirectConnection>();

/** Wraps a driver adapter factory so that `directConnection` can find its transactions' connections. */
export function allowDirectConnections<Factory extends SqlDriverAdapterFactory>(factory: Factory): Factory {
  return bindingProxy(factory, {
    connect: async () => {
      const adapter = await factory.connect();
      return bindingProxy(adapter, {
        startTransaction: async (...args: Parameters<SqlDriverAdapter["startTransaction"]>) =>
          watchTransaction(await adapter.startTransaction(...args), adapter.provider),
      });
    },
  });
}

/**
 * The connection of the interactive transaction `tx`, to send statements to directly; undefined
 * when `tx` is not an interactive transaction (a plain client), and statements go through Prisma.
 */
export async function directConnection(tx: {
  $queryRawUnsafe(query: string): PromiseLike<unknown>;
}): Promise<DirectConnection | undefined> {
  const nonce = randomUUID();
  try {
    await tx.$queryRawUnsafe(`SELECT 1 ${MARK}${nonce} */`);
    return claimed.get(nonce);
  } finally {
    claimed.delete(nonce);
  }
}

function watchTransaction(transaction: Transaction, provider: string): Transaction {
  const connection = connectionOf(transaction, provider);
  if (!connection) return transaction;
  return bindingProxy(transaction, {
    queryRaw: (query: Parameters<Transaction["queryRaw"]>[0]) => {
      const at = query.sql.indexOf(MARK);
      if (at >= 0) claimed.set(query.sql.slice(at + MARK.length, query.sql.indexOf(" */", at)), connection);
      return transaction.queryRaw(query);
    },
  });
}

function connectionOf(transaction: Transaction, provider: string): DirectConnection | undefined {
  // The adapters keep their connection as `client` (adapter-better-sqlite3 and adapter-pg 6.19).
  const client = (transaction as unknown as { client?: unknown }).client;
  if (provider === "sqlite" && isSqlite(client)) {
    const statements = new Map<string, BetterSqlite3.Statement>();
    return {
      execute: async (statement, values) => {
        let prepared = statements.get(statement);
        if (!prepared) {
          prepared = client.prepare(statement);
          statements.set(statement, prepared);
        }
        if (prepared.reader) {
          prepared.all(...values);
          return 0;
        }
        return prepared.run(...values).changes;
      },
    };
  }
  if (provider === "postgres" && isPgClient(client)) {
    return {
      execute: async (statement, values) => (await client.query(statement, [...values])).rowCount ?? 0,
      copyIn: (statement) => pgCopyInput(client, statement),
    };
  }
  return undefined;
}

function pgCopyInput(client: PoolClient, statement: string): CopyInput {
  const stream = client.query(copyFrom(statement));
  let failure: Error | undefined;
  let finished = false;
  // Kept until finish() reports it: a stream's error with no listener would end the process.
  stream.on("error", (error) => {
    failure ??= error;
  });
  stream.once("finish", () => {
    finished = true;
  });
  return {
    write: (chunk) => {
      if (failure) return true;
      return stream.write(chunk);
    },
    drained: () =>
      failure || !stream.writableNeedDrain
        ? Promise.resolve()
        : new Promise((resolve) => {
            const done = () => {
              stream.off("drain", done);
              stream.off("error", done);
              stream.off("close", done);
              resolve();
            };
            stream.on("drain", done);
            stream.on("error", done);
            stream.on("close", done);
          }),
    finish: () =>
      new Promise((resolve, reject) => {
        if (failure) return reject(failure);
        stream.once("error", reject);
        stream.once("finish", () => resolve(stream.rowCount));
        stream.end();
      }),
    abort: () =>
      new Promise((resolve) => {
        // After the database's error or the end, the connection has already left the COPY.
        if (failure || finished || stream.destroyed) return resolve();
        stream.once("close", () => resolve());
        stream.destroy(new Error("the import stopped before its rows were written"));
      }),
  };
}

function isSqlite(client: unknown): client is BetterSqlite3.Database {
  return typeof (client as BetterSqlite3.Database | undefined)?.prepare === "function";
}

function isPgClient(client: unknown): client is PoolClient {
  return typeof (client as PoolClient | undefined)?.query === "function";
}

/**
 * The object with some methods replaced; the others called on the object itself (the adapters
 * keep private fields, which a method called on the proxy could not reach).
 */
function bindingProxy<T extends object>(target: T, replaced: Record<string, unknown>): T {
  return new Proxy(target, {
    get(object, property) {
      if (typeof property === "string" && Object.hasOwn(replaced, property)) return replaced[property];
      const value = Reflect.get(object, property, object);
      return typeof value === "function" ? value.bind(object) : value;
    },
  });
}
