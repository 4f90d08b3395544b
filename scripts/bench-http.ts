// npm run bench:http [-- --duration 8] [--connections 8] [--warmup 1] [--only floor,claim-api]
//                     [--out result.json] [--claim <slug>] [--database sqlite|postgres|both]
//                     [--import-megabytes 5] [--sample-only]
//
// Throughput of the production app over HTTP, against two references measured in the same run:
// the floor (a raw node:http server reading the claim JSON's rows with better-sqlite3, or pg with
// --database postgres: no framework, no ORM, no cache) and the empty route (the app's JSON 404 for
// an unknown /api path: Next's cost per request with no work in it). Read the ratios; absolute
// numbers depend on the machine and on what else runs on it (the load average is printed).
// Targets (--only): floor, empty, claim-api, claim-page, claim-page-member, claims, home, search,
// search-page, suggestions, import (one POST /api/sources of the sample article repeated, after the
// reads, timed whole).
//
// By default it runs on both databases, SQLite then PostgreSQL, each run in a process of its own,
// and ends with one table of both and issue 12's goals marked met or not for each.
// With --database postgres the database is the server TEST_POSTGRES_URL names (in a throwaway
// schema) or else a throwaway embedded one (scripts/support/postgres.ts), as for the tests.
//
// It starts `npm start` in sample mode on a fresh temporary data directory and a free port (which
// builds the app first when the build is missing or older than the sources), starts the floor
// on another free port, runs autocannon against each target in turn (1 s warm-up, not counted),
// checks every status, prints a table and, with --out, writes it as JSON. Every server it starts
// runs in its own process group and is stopped on every exit path (end, error, SIGINT, SIGTERM,
// SIGHUP), and the temporary directory is removed. Exits 1 when any response was unexpected.
//
// The same file is the floor server when started with --serve-floor (a separate process, so the
// load generator does not share its event loop).
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { createServer as createNetServer } from "node:net";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { isDeepStrictEqual, parseArgs } from "node:util";
import { LARGEST_BENCH_TEXT, repeatedArticle } from "./support/repeated-article";

const root = resolve(import.meta.dirname, "..");
const CLAIM_SLUG = "stalin-ordered-kirovs-murder";

// ---------------------------------------------------------------------------------------------
// The floor: the claim JSON of GET /api/claims/{id} for an anonymous reader, read with plain SQL.
// ---------------------------------------------------------------------------------------------

type Row = Record<string, unknown>;
/** One query: `?` placeholders (rewritten to $1, $2… for PostgreSQL), rows as plain objects. */
type Query = (sql: string, params?: unknown[]) => Promise<Row[]>;

async function serveFloor() {
  const { values } = parseArgs({
    options: {
      "serve-floor": { type: "boolean" },
      port: { type: "string" },
      sqlite: { type: "string" },
      postgres: { type: "string" },
      schema: { type: "string" },
    },
  });
  let query: Query;
  let close: () => Promise<void>;
  if (values.sqlite) {
    const Database = (await import("better-sqlite3")).default;
    const db = new Database(values.sqlite, { readonly: true, fileMustExist: true });
    // Prepared statements are kept, as any driver or ORM keeps them; results never are.
    const statements = new Map<string, import("better-sqlite3").Statement<unknown[]>>();
    query = async (sql, params = []) => {
      let statement = statements.get(sql);
      if (!statement) {
        statement = db.prepare<unknown[]>(sql);
        statements.set(sql, statement);
      }
      return statement.all(...params) as Row[];
    };
    close = async () => {
      db.close();
    };
  } else if (values.postgres) {
    const pg = (await import("pg")).default;
    const pool = new pg.Pool({
      connectionString: values.postgres,
      max: 10,
      ...(values.schema ? { options: `-c search_path="${values.schema}"` } : {}),
    });
    query = async (sql, params = []) => {
      let index = 0;
      const text = sql.replace(/\?/g, () => `$${++index}`);
      return (await pool.query(text, params)).rows as Row[];
    };
    close = () => pool.end();
  } else {
    throw new Error("--serve-floor needs --sqlite <file> or --postgres <url>");
  }
  const server = createHttpServer((request, response) => {
    const match = /^\/api\/claims\/([^/?]+)$/.exec(request.url ?? "");
    const send = (status: number, body: unknown) => {
      const json = JSON.stringify(body);
      response.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
      response.end(json);
    };
    if (!match?.[1] || request.method !== "GET") return send(404, { error: { code: "NOT_FOUND" } });
    floorClaim(query, decodeURIComponent(match[1])).then(
      (claim) => (claim ? send(200, claim) : send(404, { error: { code: "NOT_FOUND" } })),
      (error: unknown) => {
        console.error(error);
        send(500, { error: { code: "INTERNAL" } });
      },
    );
  });
  server.keepAliveTimeout = 65_000;
  const stop = () => {
    server.close();
    server.closeAllConnections();
    void close().finally(() => process.exit(0));
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, stop);
  await floorHelpers;
  server.listen(Number(values.port), "127.0.0.1");
}

// The pure helpers getClaim uses, loaded once when the floor starts.
const floorHelpers = process.argv.includes("--serve-floor")
  ? Promise.all([
      import("@/lib/claims/policy"),
      import("@/lib/sources/citation"),
      import("@/lib/votes/aggregate"),
      import("@/lib/evidence/lines"),
    ]).then(([policy, citation, votes, lines]) => ({
      claimAbilities: policy.claimAbilities,
      formatCitation: citation.formatCitation,
      aggregateVotes: votes.aggregateVotes,
      countOnly: votes.countOnly,
      linesOfEvidence: lines.linesOfEvidence,
    }))
  : new Promise<never>(() => undefined);

function iso(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "number" || typeof value === "bigint") return new Date(Number(value)).toISOString();
  return new Date(String(value)).toISOString();
}
const text = (value: unknown) => (value === null || value === undefined ? null : String(value));
const placeholders = (count: number) => Array.from({ length: count }, () => "?").join(", ");

/**
 * What lib/claims/queries.ts getClaim returns to an anonymous reader, from the same tables and
 * the same rows, built by the same pure helpers (citation format, vote aggregate, abilities).
 */
async function floorClaim(query: Query, ref: string): Promise<unknown> {
  const { claimAbilities, formatCitation, aggregateVotes, countOnly, linesOfEvidence } = await floorHelpers;
  const byId = /^c[a-z0-9]{24}$/.test(ref);
  const [claim] = await query(
    `SELECT c."id", c."slug", c."statement", c."status", c."version", c."lockedAt", c."authorId",
            c."mergedIntoId", c."createdAt", c."updatedAt", m."slug" AS "mergedSlug",
            m."statement" AS "mergedStatement", u."name" AS "authorName"
       FROM "Claim" c
       LEFT JOIN "Claim" m ON m."id" = c."mergedIntoId"
       LEFT JOIN "User" u ON u."id" = c."authorId"
      WHERE c.${byId ? '"id"' : '"slug"'} = ? AND c."status" IN ('published', 'archived')`,
    [ref],
  );
  if (!claim) return null;
  const claimId = claim.id;
  const [people, evidence, votes] = await Promise.all([
    query(
      `SELECT p."id", p."slug", p."name", cp."role"
         FROM "ClaimPerson" cp JOIN "Person" p ON p."id" = cp."personId"
        WHERE cp."claimId" = ? ORDER BY cp."role" ASC, p."name" ASC`,
      [claimId],
    ),
    query(
      `SELECT e."id", e."stance", e."note", e."pinpoint", e."createdAt", e."addedById", a."name" AS "addedByName",
              p."id" AS "passageId", p."kind" AS "passageKind", p."start", p."end", p."text", p."prefix", p."suffix",
              s."id" AS "sourceId", s."title", s."publisher", s."url", s."publishedDate", s."accessedDate",
              s."kind" AS "sourceKind", s."versionNumber", s."supersededAt",
              o."id" AS "originId", o."name" AS "originName", o."note" AS "originNote"
         FROM "Evidence" e
         JOIN "Passage" p ON p."id" = e."passageId"
         JOIN "Source" s ON s."id" = p."sourceId"
         LEFT JOIN "User" a ON a."id" = e."addedById"
         LEFT JOIN "EvidenceOrigin" o ON o."id" = e."originId"
        WHERE e."claimId" = ? AND e."removedAt" IS NULL
        ORDER BY e."createdAt" ASC, e."id" ASC`,
      [claimId],
    ),
    query(`SELECT "value", "userId", "onEarlierWording" FROM "ConfidenceVote" WHERE "claimId" = ?`, [claimId]),
  ]);
  const sourceIds = [...new Set(evidence.map((row) => row.sourceId))];
  const evidenceIds = evidence.map((row) => row.id);
  const [authors, reanchors, paragraphs] = evidence.length
    ? await Promise.all([
        query(
          `SELECT "sourceId", "name" FROM "SourceAuthor" WHERE "sourceId" IN (${placeholders(sourceIds.length)})
            ORDER BY "position" ASC`,
          sourceIds,
        ),
        query(
          `SELECT r."evidenceId", r."status", r."reason", r."toSourceId", t."versionNumber"
             FROM "EvidenceReanchor" r JOIN "Source" t ON t."id" = r."toSourceId"
            WHERE r."evidenceId" IN (${placeholders(evidenceIds.length)})
              AND r."status" IN ('pending', 'orphaned', 'rejected')
            ORDER BY r."createdAt" DESC, r."id" DESC`,
          evidenceIds,
        ),
        query(
          `SELECT "sourceId", "start", "end", "text", "ordinal" FROM "Passage"
            WHERE "kind" = 'paragraph' AND (${evidence.map(() => `("sourceId" = ? AND "start" <= ? AND "end" >= ?)`).join(" OR ")})`,
          evidence.flatMap((row) => [row.sourceId, row.start, row.end]),
        ),
      ])
    : [[], [], []];

  const state = {
    status: String(claim.status),
    authorId: text(claim.authorId),
    lockedAt: claim.lockedAt === null ? null : new Date(iso(claim.lockedAt)),
    mergedIntoId: text(claim.mergedIntoId),
  };
  const abilities = claimAbilities(null, state, { hasVoted: false });
  // The figures are the current wording's (lib/claims/queries.ts getClaim); SQLite reads booleans as 0/1.
  const current = votes.filter((vote) => !vote.onEarlierWording);
  const awaitingConfirmation = votes.length - current.length;
  const aggregate = aggregateVotes(current.map((vote) => Number(vote.value)));
  const paragraphOf = (sourceId: unknown, start: number, end: number) =>
    paragraphs.find((entry) => entry.sourceId === sourceId && Number(entry.start) <= start && Number(entry.end) >= end);
  const contextOf = (sourceId: unknown, start: number, end: number) => {
    const paragraph = paragraphOf(sourceId, start, end);
    if (!paragraph) return { before: "", after: "" };
    const before = String(paragraph.text).slice(0, start - Number(paragraph.start));
    const after = String(paragraph.text).slice(end - Number(paragraph.start));
    return {
      before: before.length > 600 ? `…${before.slice(-600)}` : before,
      after: after.length > 600 ? `${after.slice(0, 600)}…` : after,
    };
  };
  const originOf = (row: Row) =>
    row.originId === null
      ? null
      : { id: String(row.originId), name: String(row.originName), note: text(row.originNote) };
  const lines = linesOfEvidence(
    evidence.map((row) => ({
      id: String(row.id),
      stance: row.stance as "supports" | "contradicts" | "context",
      originId: text(row.originId),
      origin: originOf(row),
    })),
  );
  return {
    id: claim.id,
    slug: claim.slug,
    statement: claim.statement,
    status: claim.status,
    locked: claim.lockedAt !== null,
    version: Number(claim.version),
    mergedInto: claim.mergedIntoId ? { slug: claim.mergedSlug, statement: claim.mergedStatement } : null,
    author: claim.authorId ? { id: claim.authorId, name: text(claim.authorName) } : null,
    createdAt: iso(claim.createdAt),
    updatedAt: iso(claim.updatedAt),
    people: people.map((row) => ({ id: row.id, slug: row.slug, name: row.name, role: row.role })),
    evidence: evidence.map((row) => {
      const start = Number(row.start);
      const end = Number(row.end);
      const source = {
        sourceId: String(row.sourceId),
        title: String(row.title),
        authors: authors.filter((author) => author.sourceId === row.sourceId).map((author) => String(author.name)),
        publisher: text(row.publisher),
        url: text(row.url),
        publishedDate: text(row.publishedDate),
        accessedDate: text(row.accessedDate),
        kind: String(row.sourceKind),
      } as Parameters<typeof formatCitation>[0];
      const reanchor = row.supersededAt !== null ? reanchors.find((entry) => entry.evidenceId === row.id) : undefined;
      const paragraph = paragraphOf(row.sourceId, start, end);
      return {
        id: row.id,
        stance: row.stance,
        origin: originOf(row),
        note: text(row.note),
        pinpoint: text(row.pinpoint),
        addedBy: row.addedById ? { id: row.addedById, name: text(row.addedByName) } : null,
        createdAt: iso(row.createdAt),
        passage: {
          id: row.passageId,
          kind: row.passageKind,
          start,
          end,
          text: row.text,
          prefix: row.prefix,
          suffix: row.suffix,
        },
        context: contextOf(row.sourceId, start, end),
        paragraphNumber: paragraph ? Number(paragraph.ordinal) + 1 : null,
        source,
        citation: formatCitation(source, text(row.pinpoint)),
        olderVersion: reanchor
          ? {
              versionNumber: Number(row.versionNumber),
              newer: { sourceId: reanchor.toSourceId, versionNumber: Number(reanchor.versionNumber) },
              state: reanchor.status === "pending" ? "waiting" : "lost",
              reason: text(reanchor.reason),
            }
          : null,
      };
    }),
    lines,
    votes: abilities.seeFigures
      ? { ...aggregate, figuresHidden: false, awaitingConfirmation }
      : { ...countOnly(aggregate.count, []), figuresHidden: true, awaitingConfirmation },
    abilities,
  };
}

// ---------------------------------------------------------------------------------------------
// The benchmark
// ---------------------------------------------------------------------------------------------

type Target = {
  name: string;
  label: string;
  url: string;
  status: number;
  /** A sentence saying what is wrong with the first response, or null. */
  check: (body: string, contentType: string) => string | null;
  /** Sent with every request (a member's session cookie). */
  headers?: Record<string, string>;
};

/**
 * fetch, tried once more when the connection fails: after the library's generation (minutes of
 * silence) a kept-alive connection the server has since closed can fail the first request.
 */
async function fetchAfterIdle(url: string): Promise<Response> {
  try {
    return await fetch(url);
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    console.warn(`  (${url}: ${cause?.code ?? cause?.message ?? (error as Error).message}; trying again)`);
    await sleep(500);
    return fetch(url);
  }
}

/**
 * Signs a demo member in as a browser does (next-auth's CSRF token, then the credentials form)
 * and returns the Cookie header of their session.
 */
async function memberCookie(base: string, email: string, password: string): Promise<string> {
  const cookies = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const index = pair!.indexOf("=");
      cookies.set(pair!.slice(0, index), pair!.slice(index + 1));
    }
  };
  const header = () => [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const signIn = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  keep(signIn);
  if (![...cookies.keys()].some((name) => name.includes("session-token"))) {
    throw new Error(`signing in as ${email} gave no session (status ${signIn.status})`);
  }
  return header();
}

type Measured = {
  name: string;
  label: string;
  path: string;
  requests: number;
  reqPerSec: number;
  p50Ms: number;
  p95Ms: number;
  p97_5Ms: number;
  p99Ms: number;
  errors: number;
  statusCodes: Record<string, number>;
  percentOfEmpty: number | null;
};

type ImportMeasured = { megabytes: number; seconds: number; megabytesPerSecond: number; passages: number };

/** What a run on one database writes with --out (and the run on both reads back). */
type Report = {
  database: "sqlite" | "postgres";
  connections: number;
  durationSeconds: number;
  machine: { cpus: number; loadBefore: number[]; loadAfter: number[] };
  library: Record<string, number> | null;
  results: Measured[];
  import: ImportMeasured | null;
  floorMatchesApi: boolean;
  problems: string[];
};

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** Things to stop or remove, run once, last added first, on every exit path. */
const cleanups: { label: string; run: () => Promise<void> | void }[] = [];
let cleaning: Promise<void> | undefined;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const { label, run } of cleanups.reverse()) {
      try {
        await run();
      } catch (error) {
        console.error(`  (could not ${label}: ${(error as Error).message})`);
      }
    }
  })();
  return cleaning;
}
/** The app's log, shown when the run fails. */
let appLogFile: string | undefined;
/** The autocannon run in progress, stopped on a signal. */
let running: { stop: () => void } | undefined;
/** Set by a signal: the run is being torn down, nothing more is measured or printed. */
let stopping = false;

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createNetServer();
    server.unref();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? done(address.port) : fail(new Error("no port"))));
    });
  });
}

/** A process's state letter and parent (Linux /proc), or null when there is no such process. */
function processStat(pid: number): { state: string; ppid: number; pgrp: number } | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return { state: fields[0] ?? "", ppid: Number(fields[1]), pgrp: Number(fields[2]) };
}

function processAlive(pid: number): boolean {
  const stat = processStat(pid);
  return stat !== null && stat.state !== "Z";
}

/** This run's tsx, shell and npm processes (Linux only; elsewhere none are watched). */
function launcherChain(): number[] {
  if (process.platform !== "linux") return [];
  const chain: number[] = [];
  for (let pid = process.ppid; pid > 1 && chain.length < 5; pid = processStat(pid)?.ppid ?? 0) {
    let command: string;
    try {
      command = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    } catch {
      break;
    }
    if (!/bench-http|bench:http/.test(command)) break;
    chain.push(pid);
  }
  return chain;
}

/**
 * Whether any process of the group is still running. On Linux, zombies do not count (an orphan
 * waits for PID 1 to reap it, which not every container's PID 1 does); elsewhere, any member.
 */
function groupAlive(pgid: number): boolean {
  if (process.platform === "linux") {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = processStat(Number(entry));
      if (stat && stat.pgrp === pgid && stat.state !== "Z") return true;
    }
    return false;
  }
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts a command in its own process group; stopGroup stops the group whole. */
function spawnGroup(command: string, args: string[], env: NodeJS.ProcessEnv, logFile: string): ChildProcess {
  const log = createWriteStream(logFile);
  const child = spawn(command, args, { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  return child;
}

async function stopGroup(child: ChildProcess, name: string): Promise<void> {
  const pgid = child.pid;
  if (!pgid || !groupAlive(pgid)) return;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pgid, signal);
    } catch {
      // gone already
    }
  };
  signalGroup("SIGTERM");
  for (let waited = 0; waited < 10_000 && groupAlive(pgid); waited += 100) await sleep(100);
  if (groupAlive(pgid)) {
    console.error(`  ${name} did not stop on SIGTERM within 10 s: killing it`);
    signalGroup("SIGKILL");
    for (let waited = 0; waited < 5_000 && groupAlive(pgid); waited += 100) await sleep(100);
    if (groupAlive(pgid)) throw new Error(`${name} (process group ${pgid}) is still running after SIGKILL`);
  }
}

function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

async function waitFor(url: string, child: ChildProcess, name: string, logFile: string, timeoutMs: number) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before answering:\n${tail(logFile)}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(300);
  }
  throw new Error(`${name} did not answer ${url} within ${timeoutMs / 1000} s:\n${tail(logFile)}`);
}

function firstDifference(a: unknown, b: unknown, path = "$"): string | null {
  if (isDeepStrictEqual(a, b)) return null;
  if (a && b && typeof a === "object" && typeof b === "object" && Array.isArray(a) === Array.isArray(b)) {
    const left = a as Record<string, unknown>;
    const right = b as Record<string, unknown>;
    for (const key of new Set([...Object.keys(left), ...Object.keys(right)])) {
      const found = firstDifference(left[key], right[key], `${path}.${key}`);
      if (found) return found;
    }
  }
  return `${path}: ${JSON.stringify(a)?.slice(0, 120)} ≠ ${JSON.stringify(b)?.slice(0, 120)}`;
}

function jsonCheck(test: (body: Record<string, unknown>) => string | null) {
  return (body: string, contentType: string) => {
    if (!contentType.includes("application/json")) return `content-type ${contentType}, not JSON`;
    try {
      return test(JSON.parse(body) as Record<string, unknown>);
    } catch (error) {
      return `not JSON: ${(error as Error).message}`;
    }
  };
}
function htmlCheck(marker: string) {
  return (body: string, contentType: string) => {
    if (!contentType.includes("text/html")) return `content-type ${contentType}, not HTML`;
    return body.includes(marker) ? null : `the page does not contain "${marker}"`;
  };
}

/** The command line without `--name value` (or `--name=value`) for each of `names`. */
function argumentsWithout(args: readonly string[], names: readonly string[]): string[] {
  const kept: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (names.some((name) => arg.startsWith(`--${name}=`))) continue;
    if (names.some((name) => arg === `--${name}`)) {
      index++;
      continue;
    }
    kept.push(arg);
  }
  return kept;
}

// Issue 12's goals, read against each database's figures.
const GOALS: { label: string; met: (report: Report) => boolean | null }[] = [
  { label: "GET /api/claims/{id} ≥ 70 % of the empty route", met: (r) => percent(r, "claim-api", (v) => v >= 70) },
  { label: "anonymous claim page ≥ 50 % of the empty route", met: (r) => percent(r, "claim-page", (v) => v >= 50) },
  { label: "anonymous claim page p95 < 50 ms", met: (r) => p95(r, "claim-page", 50) },
  { label: "signed-in claim page p95 < 150 ms", met: (r) => p95(r, "claim-page-member", 150) },
  { label: "/claims p95 < 100 ms", met: (r) => p95(r, "claims", 100) },
  { label: "/search p95 < 100 ms", met: (r) => p95(r, "search-page", 100) },
  { label: "import ≥ 1 MB/s", met: (r) => (r.import ? r.import.megabytesPerSecond >= 1 : null) },
];
function percent(report: Report, name: string, test: (value: number) => boolean): boolean | null {
  const row = report.results.find((entry) => entry.name === name);
  return row?.percentOfEmpty == null ? null : test(row.percentOfEmpty);
}
function p95(report: Report, name: string, below: number): boolean | null {
  const row = report.results.find((entry) => entry.name === name);
  return row ? row.p95Ms < below : null;
}

/**
 * The run on both databases: this script on SQLite, then on PostgreSQL, each in a process of its own
 * (each starts its own app, floor and database, and stops them), then one table of both and the goals.
 */
async function runEachDatabase(scratch: string, out: string | undefined): Promise<void> {
  const passed = argumentsWithout(process.argv.slice(2), ["database", "out"]);
  const reports: Report[] = [];
  for (const database of ["sqlite", "postgres"] as const) {
    console.log(`\n━━ ${database === "sqlite" ? "SQLite" : "PostgreSQL"} ━━`);
    const reportFile = join(scratch, `${database}.json`);
    const args = [...process.execArgv, import.meta.filename, ...passed, "--database", database, "--out", reportFile];
    // Its own process group, so that a signal here stops it with every server it started.
    const child = spawn(process.execPath, args, { cwd: root, env: process.env, detached: true, stdio: "inherit" });
    cleanups.push({ label: `stop the run on ${database}`, run: () => stopGroup(child, `the run on ${database}`) });
    const exitCode = await new Promise<number>((done) =>
      child.on("exit", (code, signal) => done(code ?? (signal ? 128 : 1))),
    );
    if (stopping) return;
    if (!existsSync(reportFile))
      throw new Error(`the run on ${database} failed (exit ${exitCode}) and wrote no report`);
    reports.push(JSON.parse(readFileSync(reportFile, "utf8")) as Report);
    if (exitCode !== 0) process.exitCode = 1;
  }

  const [sqlite, postgres] = reports as [Report, Report];
  const cells = (report: Report, name: string) => {
    const row = report.results.find((entry) => entry.name === name);
    return row
      ? [
          String(row.reqPerSec),
          `${row.p50Ms} / ${row.p95Ms} ms`,
          row.percentOfEmpty === null ? "–" : `${row.percentOfEmpty} %`,
        ]
      : ["–", "–", "–"];
  };
  const names = [...new Set([...sqlite.results, ...postgres.results].map((row) => row.name))];
  const labelOf = (name: string) => [...sqlite.results, ...postgres.results].find((row) => row.name === name)!.label;
  const header = ["request", "SQLite req/s", "p50 / p95", "% of empty", "PostgreSQL req/s", "p50 / p95", "% of empty"];
  const rows = names.map((name) => [labelOf(name), ...cells(sqlite, name), ...cells(postgres, name)]);
  const importCells = (report: Report) =>
    report.import ? [`${report.import.megabytesPerSecond} MB/s`, `${report.import.seconds} s`, "–"] : ["–", "–", "–"];
  if (sqlite.import || postgres.import) {
    const size = (sqlite.import ?? postgres.import)!.megabytes;
    rows.push([`import of ${size} MB (POST /api/sources)`, ...importCells(sqlite), ...importCells(postgres)]);
  }
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const format = (cells: string[]) =>
    `| ${cells.map((cell, column) => (column >= 1 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join(" | ")} |`;
  const library = sqlite.library
    ? `the sample and ${Object.entries(sqlite.library)
        .map(([name, count]) => `${count} ${name}`)
        .join(", ")}`
    : "the sample alone";
  console.log(
    `\n━━ Both databases ━━\n\n${library}; ${sqlite.connections} connections, ${sqlite.durationSeconds} s per target, ` +
      `${sqlite.machine.cpus} CPUs; load average before each run: ${sqlite.machine.loadBefore.map((value) => value.toFixed(2)).join(" ")} (SQLite), ` +
      `${postgres.machine.loadBefore.map((value) => value.toFixed(2)).join(" ")} (PostgreSQL)\n`,
  );
  console.log(format(header));
  console.log(
    `|${widths.map((width, column) => (column >= 1 ? `${"-".repeat(width + 1)}:` : "-".repeat(width + 2))).join("|")}|`,
  );
  for (const row of rows) console.log(format(row));
  console.log("\nIssue 12's goals (SQLite, PostgreSQL):");
  const mark = (met: boolean | null) => (met === null ? "not measured" : met ? "✓" : "✗");
  for (const goal of GOALS) console.log(`  ${mark(goal.met(sqlite))}  ${mark(goal.met(postgres))}  ${goal.label}`);
  const problems = reports.flatMap((report) => report.problems.map((problem) => `${report.database}: ${problem}`));
  if (out) {
    writeFileSync(out, `${JSON.stringify({ measuredAt: new Date().toISOString(), sqlite, postgres }, null, 2)}\n`);
    console.log(`\nWritten to ${out}`);
  }
  if (problems.length) {
    console.error(`\n✗ ${problems.length} problem(s):`);
    for (const problem of problems) console.error(`  ${problem}`);
    process.exitCode = 1;
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      duration: { type: "string", default: "8" },
      connections: { type: "string", default: "8" },
      warmup: { type: "string", default: "1" },
      only: { type: "string", multiple: true },
      out: { type: "string" },
      claim: { type: "string", default: CLAIM_SLUG },
      // Both by default: SQLite, then PostgreSQL, each in a run of its own, and a table of both.
      database: { type: "string", default: "both" },
      // The import measured over HTTP (the sample article repeated to this size; at most 5 MB less 4 KB).
      "import-megabytes": { type: "string", default: "5" },
      // The generated library added to the sample (issue 12's size); --sample-only measures the sample alone.
      "sample-only": { type: "boolean", default: false },
      users: { type: "string", default: "50" },
      claims: { type: "string", default: "10000" },
      passages: { type: "string", default: "200000" },
      votes: { type: "string", default: "100000" },
    },
  });
  const library = {
    users: Number(values.users),
    claims: Number(values.claims),
    passages: Number(values.passages),
    votes: Number(values.votes),
  };
  for (const [name, value] of Object.entries(library)) {
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`--${name}: a whole number of 0 or more`);
  }
  if (library.users < 1) throw new Error("--users: at least 1");
  const duration = Number(values.duration);
  const connections = Number(values.connections);
  const warmup = Number(values.warmup);
  if (!(duration > 0) || !(connections >= 1) || !(warmup >= 0)) {
    throw new Error("--duration and --connections must be positive numbers, --warmup zero or more");
  }
  const kind = values.database;
  if (kind !== "sqlite" && kind !== "postgres" && kind !== "both")
    throw new Error("--database is sqlite, postgres or both");
  const importMegabytes = Number(values["import-megabytes"]);
  if (!(importMegabytes > 0)) throw new Error("--import-megabytes: a positive number");
  const names = [
    "floor",
    "empty",
    "claim-api",
    "claim-page",
    "claim-page-member",
    "claims",
    "home",
    "search",
    "search-page",
    "suggestions",
    "import",
  ];
  const only = values.only?.flatMap((value) => value.split(",")).map((value) => value.trim());
  const unknown = only?.filter((name) => !names.includes(name));
  if (unknown?.length) throw new Error(`--only: unknown target ${unknown.join(", ")} (known: ${names.join(", ")})`);

  // Ctrl-C, a CI timeout or a kill: stop the load, the servers and the database, remove the data.
  const stop = (reason: string, exitCode: number) => {
    if (stopping) return;
    stopping = true;
    console.error(`\n${reason}: stopping the servers…`);
    running?.stop();
    void cleanup().finally(() => process.exit(exitCode));
  };
  const numbers: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };
  for (const signal of Object.keys(numbers) as NodeJS.Signals[]) {
    process.on(signal, () => stop(signal, 128 + numbers[signal]!));
  }
  // A SIGTERM sent to `npm run bench:http` alone kills npm and its shell but reaches neither tsx
  // nor this process: when a process of the chain that started this run is gone, stop as on SIGTERM.
  const launchers = launcherChain();
  setInterval(() => {
    if (launchers.some((pid) => !processAlive(pid))) stop("the process that started this run is gone", 143);
  }, 500).unref();

  const scratch = mkdtempSync(join(tmpdir(), "factcheck-bench-http-"));
  cleanups.push({ label: `remove ${scratch}`, run: () => rmSync(scratch, { recursive: true, force: true }) });
  if (kind === "both") {
    await runEachDatabase(scratch, values.out);
    return;
  }
  const dataDir = join(scratch, "data");
  const appLog = join(scratch, "app.log");
  appLogFile = appLog;
  const floorLog = join(scratch, "floor.log");
  const loadBefore = loadavg();

  // The database: the sample SQLite file in the data directory, or a fresh PostgreSQL schema.
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", APP_MODE: "sample" };
  for (const name of ["DATABASE_URL", "DATABASE_SCHEMA", "NEXTAUTH_URL", "LOG_QUERIES"]) delete env[name];
  let postgres: { url: string; schema: string } | undefined;
  if (kind === "postgres") {
    const { startTestPostgres } = await import("./support/postgres");
    const server = await startTestPostgres(process.env.TEST_POSTGRES_URL);
    const schema = `bench_http_${Date.now().toString(36)}`;
    postgres = { url: server.url, schema };
    cleanups.push({
      label: "stop PostgreSQL",
      run: async () => {
        if (server.origin === "external") {
          const pg = (await import("pg")).default;
          const client = new pg.Client({ connectionString: server.url });
          await client.connect();
          await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
          await client.end();
        }
        await server.stop();
      },
    });
    Object.assign(env, { DATABASE_URL: server.url, DATABASE_SCHEMA: schema });
  }

  // The app, as `npm start` serves it: migrations, the sample corpus, a build if needed, next start.
  const appPort = await freePort();
  Object.assign(env, { DATA_DIR: dataDir, PORT: String(appPort) });
  console.log(`• Starting the app on port ${appPort} (npm start; it builds first if the build is missing or stale)`);
  const app = spawnGroup("npm", ["start"], env, appLog);
  cleanups.push({ label: "stop the app", run: () => stopGroup(app, "the app") });
  const base = `http://127.0.0.1:${appPort}`;
  const startedAt = Date.now();
  await waitFor(`${base}/api/health`, app, "npm start", appLog, 15 * 60_000);
  console.log(`  ready after ${((Date.now() - startedAt) / 1000).toFixed(0)} s (log: ${appLog})`);

  if (!values["sample-only"]) {
    // Written through lib, into the database the app serves, while it runs (a write like any other:
    // it invalidates what the app remembers).
    console.log("• Generating the library…");
    Object.assign(process.env, {
      DATA_DIR: dataDir,
      APP_MODE: "sample",
      DATABASE_URL: env.DATABASE_URL ?? "",
      ...(postgres ? { DATABASE_SCHEMA: postgres.schema } : {}),
    });
    const { getDb, disconnectDb } = await import("@/lib/db");
    const { generateHttpLibrary } = await import("./support/library");
    await generateHttpLibrary(getDb(), library, (line) => console.log(line));
    await disconnectDb();
  }

  // The claim measured, by id as the API is called.
  const claimRow = await (await fetchAfterIdle(`${base}/api/claims/${encodeURIComponent(values.claim)}`))
    .json()
    .catch(() => null);
  const claim = claimRow as { id?: string; slug?: string; evidence?: unknown[] } | null;
  if (!claim?.id || !claim.slug)
    throw new Error(`no published claim "${values.claim}" in the sample data (--claim <slug>)`);
  console.log(`  claim ${claim.slug} = ${claim.id} (${claim.evidence?.length ?? 0} pieces of evidence)`);

  // The floor, in its own process, reading the same database.
  const floorPort = await freePort();
  const floorArgs = [...process.execArgv, import.meta.filename, "--serve-floor", "--port", String(floorPort)];
  if (postgres) floorArgs.push("--postgres", postgres.url, "--schema", postgres.schema);
  else floorArgs.push("--sqlite", join(dataDir, "app.db"));
  if (!postgres && !existsSync(join(dataDir, "app.db"))) throw new Error(`no database at ${join(dataDir, "app.db")}`);
  const floor = spawnGroup(process.execPath, floorArgs, process.env, floorLog);
  cleanups.push({ label: "stop the floor server", run: () => stopGroup(floor, "the floor server") });
  const floorBase = `http://127.0.0.1:${floorPort}`;
  await waitFor(`${floorBase}/api/claims/${claim.id}`, floor, "the floor server", floorLog, 30_000);

  // A contributor: the claim page as a member sees it (their vote, the cite buttons, suggestions).
  const accounts = JSON.parse(readFileSync(join(dataDir, "demo-accounts.json"), "utf8")) as {
    email: string;
    role: string;
    password: string;
  }[];
  const contributor = accounts.find((account) => account.role === "contributor");
  if (!contributor) throw new Error("no demo contributor account in the sample data");
  const member = { cookie: await memberCookie(base, contributor.email, contributor.password) };

  const targets: Target[] = [
    {
      name: "floor",
      label: `raw node:http + ${kind === "postgres" ? "pg" : "better-sqlite3"}, the same claim JSON`,
      url: `${floorBase}/api/claims/${claim.id}`,
      status: 200,
      check: jsonCheck((body) => (body.id === claim.id ? null : "another claim")),
    },
    {
      name: "empty",
      label: "an empty Next route (JSON 404 of an unknown /api path)",
      url: `${base}/api/no-such-endpoint`,
      status: 404,
      check: jsonCheck((body) =>
        (body.error as { code?: string } | undefined)?.code === "NOT_FOUND" ? null : "not the API's NOT_FOUND",
      ),
    },
    {
      name: "claim-api",
      label: "GET /api/claims/{id}",
      url: `${base}/api/claims/${claim.id}`,
      status: 200,
      check: jsonCheck((body) => (body.id === claim.id ? null : "another claim")),
    },
    {
      name: "claim-page",
      label: "the claim page, anonymous",
      url: `${base}/claims/${claim.slug}`,
      status: 200,
      check: htmlCheck(claim.slug === CLAIM_SLUG ? "Contradicting" : "</html>"),
    },
    {
      name: "claim-page-member",
      label: "the claim page, signed in (a contributor)",
      url: `${base}/claims/${claim.slug}`,
      status: 200,
      headers: member,
      check: htmlCheck("Sign out"),
    },
    { name: "claims", label: "/claims", url: `${base}/claims`, status: 200, check: htmlCheck("</html>") },
    { name: "home", label: "/", url: `${base}/`, status: 200, check: htmlCheck("</html>") },
    {
      name: "search",
      label: "GET /api/search?q=Stalin",
      url: `${base}/api/search?q=Stalin`,
      status: 200,
      check: jsonCheck((body) => (Number(body.total) > 0 ? null : "no results")),
    },
    {
      name: "search-page",
      label: "/search?q=Stalin",
      url: `${base}/search?q=Stalin`,
      status: 200,
      check: htmlCheck("</html>"),
    },
    {
      name: "suggestions",
      label: "GET /api/claims/{id}/suggestions?limit=10, signed in",
      url: `${base}/api/claims/${claim.id}/suggestions?limit=10`,
      status: 200,
      headers: member,
      check: jsonCheck((body) => (Array.isArray(body.items) && body.items.length > 0 ? null : "no suggestions")),
    },
  ];
  const selected = targets.filter((target) => !only || only.includes(target.name));

  // Each target answers as expected once before it is measured: a benchmark of error pages is worthless.
  for (const target of targets) {
    const response = await fetch(target.url, { headers: target.headers });
    const body = await response.text();
    const problem =
      response.status !== target.status
        ? `status ${response.status}, expected ${target.status}: ${body.slice(0, 300)}`
        : target.check(body, response.headers.get("content-type") ?? "");
    if (problem) throw new Error(`${target.name} (${target.url}): ${problem}`);
  }
  // The floor is honest only while it returns what the API returns.
  const [apiJson, floorJson] = await Promise.all(
    [`${base}/api/claims/${claim.id}`, `${floorBase}/api/claims/${claim.id}`].map(async (url) =>
      (await fetch(url)).json(),
    ),
  );
  const difference = firstDifference(apiJson, floorJson);
  if (difference) console.warn(`  ⚠ the floor's JSON differs from the API's at ${difference}`);
  else console.log("  the floor's JSON equals the API's");

  const autocannon = (await import("autocannon")).default;
  // autocannon's summary has no 95th percentile: every response's time is kept to compute it.
  const measure = (target: Target, seconds: number) =>
    new Promise<{ result: import("autocannon").Result; times: number[] }>((done, fail) => {
      const options = { url: target.url, connections, duration: seconds, timeout: 30, headers: target.headers };
      const times: number[] = [];
      const instance = autocannon(options, (error, result) => {
        running = undefined;
        if (stopping) return; // the signal handler ends the process
        if (error) fail(error instanceof Error ? error : new Error(String(error)));
        else done({ result, times });
      });
      instance.on("response", (_client, _status, _bytes, responseTime) => times.push(responseTime));
      running = instance;
    });
  const percentile = (sorted: number[], share: number) =>
    sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!) : 0;
  const results: Measured[] = [];
  const problems: string[] = [];
  console.log(`\n• ${connections} connections, ${duration} s per target after a ${warmup} s warm-up`);
  for (const target of selected) {
    const rounds = warmup > 0 ? [warmup, duration] : [duration];
    let result: import("autocannon").Result | undefined;
    let times: number[] = [];
    let unexpected = 0;
    const statusCodes: Record<string, number> = {};
    for (const [index, seconds] of rounds.entries()) {
      ({ result, times } = await measure(target, seconds));
      const counted = index === rounds.length - 1;
      for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) {
        const count = stats.count ?? 0;
        if (Number(code) !== target.status) unexpected += count;
        if (counted) statusCodes[code] = count;
      }
      unexpected += result.errors; // connection errors and timeouts
      if (result.errors) statusCodes.errors = (statusCodes.errors ?? 0) + result.errors;
    }
    if (!result) continue;
    const sorted = times.sort((a, b) => a - b);
    const row: Measured = {
      name: target.name,
      label: target.label,
      path: new URL(target.url).pathname + new URL(target.url).search,
      requests: result.requests.total,
      reqPerSec: Math.round(result.requests.average),
      p50Ms: percentile(sorted, 0.5),
      p95Ms: percentile(sorted, 0.95),
      p97_5Ms: percentile(sorted, 0.975),
      p99Ms: percentile(sorted, 0.99),
      errors: unexpected,
      statusCodes,
      percentOfEmpty: null,
    };
    results.push(row);
    if (unexpected)
      problems.push(`${target.name}: ${unexpected} unexpected responses or errors ${JSON.stringify(statusCodes)}`);
    console.log(
      `  ${target.name.padEnd(10)} ${String(row.reqPerSec).padStart(6)} req/s  p50 ${row.p50Ms} ms  p95 ${row.p95Ms} ms  p99 ${row.p99Ms} ms${unexpected ? `  ${unexpected} errors` : ""}`,
    );
  }
  const empty = results.find((row) => row.name === "empty");
  if (empty?.reqPerSec) {
    for (const row of results) row.percentOfEmpty = Math.round((row.reqPerSec / empty.reqPerSec) * 1000) / 10;
  }

  // An import through the API, as a member uploads a source: after the reads, since it is a write
  // (every answer the app keeps in memory is old after it).
  let imported: ImportMeasured | null = null;
  if (!only || only.includes("import")) {
    const content = repeatedArticle(Math.min(importMegabytes * 1048576, LARGEST_BENCH_TEXT));
    const bytes = Buffer.byteLength(content);
    console.log(
      `\n• Importing ${(bytes / 1048576).toFixed(2)} MB (the sample article repeated) through POST /api/sources`,
    );
    const started = performance.now();
    const response = await fetch(`${base}/api/sources`, {
      method: "POST",
      headers: { ...member, "content-type": "application/json" },
      body: JSON.stringify({ content, title: `HTTP import benchmark ${new Date().toISOString()}` }),
    });
    const seconds = (performance.now() - started) / 1000;
    const answer = (await response.json().catch(() => null)) as { created?: boolean; passageCount?: number } | null;
    if (response.status !== 201 || !answer?.created || !answer.passageCount) {
      problems.push(`import: status ${response.status}, ${JSON.stringify(answer)?.slice(0, 300)}`);
    } else {
      imported = {
        megabytes: Math.round((bytes / 1048576) * 100) / 100,
        seconds: Math.round(seconds * 100) / 100,
        megabytesPerSecond: Math.round((bytes / 1048576 / seconds) * 100) / 100,
        passages: answer.passageCount,
      };
      console.log(
        `  ${imported.megabytes} MB in ${imported.seconds} s: ${imported.megabytesPerSecond} MB/s, ${imported.passages} passages`,
      );
    }
  }

  // Errors the app logged while it was measured (its log is removed with the data directory).
  const appErrors = readFileSync(appLog, "utf8")
    .split("\n")
    .filter((line) => /\berror\b|⨯/i.test(line) && !/Unknown user config/.test(line));
  if (appErrors.length) {
    problems.push(`the app logged ${appErrors.length} error line(s), first: ${appErrors[0]!.slice(0, 300)}`);
  }

  const loadAfter = loadavg();
  const header = ["target", "request", "req/s", "p50", "p95", "p99", "errors", "% of empty"];
  const lines = results.map((row) => [
    row.name,
    `\`${row.path}\``,
    String(row.reqPerSec),
    `${row.p50Ms} ms`,
    `${row.p95Ms} ms`,
    `${row.p99Ms} ms`,
    String(row.errors),
    row.percentOfEmpty === null ? "–" : `${row.percentOfEmpty} %`,
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column]!.length)));
  const format = (cells: string[]) =>
    `| ${cells.map((cell, column) => (column >= 2 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join(" | ")} |`;
  console.log(
    `\nHTTP benchmark on ${kind}, ${values["sample-only"] ? "the sample alone" : `the sample and ${library.claims} claims, ${library.passages} passages, ${library.votes} votes, ${library.users} members`}: ` +
      `${connections} connections, ${duration} s each, ${cpus().length} CPUs, ` +
      `load average ${loadBefore.map((value) => value.toFixed(2)).join(" ")} before, ` +
      `${loadAfter.map((value) => value.toFixed(2)).join(" ")} after\n`,
  );
  console.log(format(header));
  console.log(
    `|${widths.map((width, column) => (column >= 2 ? `${"-".repeat(width + 1)}:` : "-".repeat(width + 2))).join("|")}|`,
  );
  for (const line of lines) console.log(format(line));
  if (imported) {
    console.log(
      `\nimport (POST /api/sources, the sample article repeated): ${imported.megabytes} MB in ${imported.seconds} s, ` +
        `${imported.megabytesPerSecond} MB/s, ${imported.passages} passages`,
    );
  }
  if (difference) console.log(`\n⚠ the floor's JSON differs from the API's at ${difference}`);

  if (values.out) {
    const report = {
      measuredAt: new Date().toISOString(),
      database: kind,
      connections,
      durationSeconds: duration,
      warmupSeconds: warmup,
      machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version, loadBefore, loadAfter },
      claim: { id: claim.id, slug: claim.slug },
      library: values["sample-only"] ? null : library,
      floorMatchesApi: difference === null,
      results,
      import: imported,
      problems,
    };
    writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nWritten to ${values.out}`);
  }
  if (problems.length) {
    console.error(`\n✗ ${problems.length} problem(s):`);
    for (const problem of problems) console.error(`  ${problem}`);
    process.exitCode = 1;
  }
}

// Last, so that every constant above is initialised before either mode starts.
if (process.argv.includes("--serve-floor")) {
  await serveFloor();
} else {
  try {
    await main();
  } catch (error) {
    // After a signal, what fails is what the clean-up stopped; the signal handler reports and exits.
    if (!stopping) {
      console.error(`\n✗ ${error instanceof Error ? error.message : String(error)}`);
      if (appLogFile) console.error(`\nThe app's log ends:\n${tail(appLogFile, 30)}`);
      process.exitCode = 1;
    }
  } finally {
    await cleanup();
  }
  // Idle keep-alive sockets of fetch must not keep the run alive.
  if (!stopping) process.exit(process.exitCode ?? 0);
}
