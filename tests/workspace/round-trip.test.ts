// A workspace moved to the other kind of database and back: on the SQLite run SQLite → PostgreSQL →
// SQLite, on the PostgreSQL run PostgreSQL → SQLite → PostgreSQL. The sample data plus a merged
// claim, a vote history, comments, a relation, an invitation, a lock, a setting and an OAuth link,
// exported here, restored into and exported from the other database by `npm run restore` and
// `npm run export` in a child process (its own environment, as a team would run them), then
// restored here into a third, fresh database: every row and column must come back equal.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mergeClaims } from "@/lib/claims/merge";
import { proposeRelation } from "@/lib/claims/relations";
import { addComment, setCommentHidden } from "@/lib/comments/mutations";
import { createDb, type DatabaseKind, type Db, getDatabaseKind } from "@/lib/db";
import { type AppEnv, getEnv, parseEnv } from "@/lib/env";
import { applyMigrations } from "@/lib/migrations/apply";
import { editClaim, setClaimLock } from "@/lib/moderation/mutations";
import { rateEvidence, withdrawEvidenceRating, withdrawSourceRating } from "@/lib/ratings/mutations";
import { ensureSearchIndex } from "@/lib/search/maintenance";
import { setRegistrationMode } from "@/lib/settings/registration";
import { importSourceVersion } from "@/lib/sources/versions";
import { createInvitation } from "@/lib/users/accounts";
import { SETUP_SETTING_KEY } from "@/lib/users/setup";
import { castVote, confirmVote } from "@/lib/votes/mutations";
import { exportWorkspace } from "@/lib/workspace/export";
import { restoreWorkspace } from "@/lib/workspace/restore";
import { MOVED } from "@/lib/workspace/tables";
import { loadSampleData } from "@/prisma/sample/load";
import { startTestPostgres } from "@/scripts/support/postgres";
import { actorOf, makeActor, makeClaim } from "../factories";
import { db, resetDatabase, type TableName, type TableSnapshot, tableSnapshot } from "../helpers";

const root = resolve(import.meta.dirname, "../..");
const kind = getDatabaseKind();
const other: DatabaseKind = kind === "sqlite" ? "postgres" : "sqlite";
const label = (which: DatabaseKind) => (which === "sqlite" ? "SQLite" : "PostgreSQL");
const scratch = mkdtempSync(join(tmpdir(), "factcheck-workspace-"));
const cleanups: (() => Promise<unknown>)[] = [];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  rmSync(scratch, { recursive: true, force: true });
});

let postgresUrl: Promise<string> | undefined;
/** The run's PostgreSQL server, or on the SQLite run one started for this test (TEST_POSTGRES_URL if given). */
function postgres(): Promise<string> {
  postgresUrl ??= (async () => {
    const given = process.env.TEST_POSTGRES_URL;
    if (given) return given;
    const server = await startTestPostgres(undefined, () => undefined);
    cleanups.push(server.stop);
    return server.url;
  })();
  return postgresUrl;
}

type Database = { kind: DatabaseKind; vars: Record<string, string>; env: AppEnv };

/** A new, empty database of a kind: a file, or a schema of its own. */
async function newDatabase(which: DatabaseKind, name: string): Promise<Database> {
  const dataDir = join(scratch, `${name}-data`);
  if (which === "sqlite") {
    const vars = { DATABASE_URL: `file:${join(scratch, `${name}.db`)}`, DATA_DIR: dataDir };
    return { kind: which, vars, env: parseEnv(vars) };
  }
  const url = await postgres();
  const schema = `workspace_${name}_${randomBytes(4).toString("hex")}`;
  cleanups.push(async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => client.end());
  });
  // A team's server: production mode, so a secret and no sample data.
  const vars = {
    DATABASE_URL: url,
    DATABASE_SCHEMA: schema,
    DATA_DIR: dataDir,
    AUTH_SECRET: randomBytes(32).toString("hex"),
  };
  return { kind: which, vars, env: parseEnv(vars) };
}

function connect(database: Database): Db {
  const client = createDb(database.env);
  cleanups.push(() => client.$disconnect());
  return client;
}

/** Runs `npm run <script> -- args` with the environment of `database` only; resolves with its output. */
function runScript(script: "export" | "restore", args: string[], database: Database): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ["DATABASE_URL", "DATABASE_SCHEMA", "APP_MODE", "DATA_DIR", "AUTH_SECRET"]) delete env[name];
  Object.assign(env, database.vars);
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", join(root, `scripts/${script}.ts`), ...args],
    { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise((settle, fail) => {
    child.on("close", (code) =>
      code === 0 ? settle(output) : fail(new Error(`npm run ${script} exited with ${code}:\n${output}`)),
    );
  });
}

async function exportToFile(client: Db, which: DatabaseKind, file: string) {
  const out = createWriteStream(file);
  await exportWorkspace(
    client,
    async (chunk) => {
      if (!out.write(chunk)) await once(out, "drain");
    },
    { kind: which, withPasswordHashes: true },
  );
  out.end();
  await once(out, "finish");
}

const readLines = (file: string) =>
  createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });

// Not moved: runtime state (sessions, counters) and the search index, compared apart below.
const NOT_COMPARED: TableName[] = ["Session", "VerificationToken", "SignInAttempt", "RateLimitEvent", "SearchDocument"];

/** What the workspace should look like after the trip: OAuth tokens and the setup link do not travel. */
function expectedAfterTrip(snapshot: TableSnapshot): Partial<TableSnapshot> {
  const expected: Partial<TableSnapshot> = {};
  for (const [table, rows] of Object.entries(snapshot) as [TableName, TableSnapshot[TableName]][]) {
    if (NOT_COMPARED.includes(table)) continue;
    expected[table] = rows;
  }
  expected.Account = snapshot.Account.map((row) => ({
    ...row,
    access_token: null,
    refresh_token: null,
    id_token: null,
  }));
  expected.Setting = snapshot.Setting.filter((row) => row.key !== SETUP_SETTING_KEY);
  return expected;
}

function compared(snapshot: TableSnapshot): Partial<TableSnapshot> {
  return Object.fromEntries(Object.entries(snapshot).filter(([table]) => !NOT_COMPARED.includes(table as TableName)));
}

/**
 * The search index by what it holds (ids and times are the rebuild's own). A person's document
 * lists their spellings in the order the database returns them (lib/search/documents.ts reads
 * them unordered), which differs between SQLite and PostgreSQL: compared as a set.
 */
async function indexContent(client: Db): Promise<string[]> {
  const documents = await client.searchDocument.findMany({
    select: { kind: true, refId: true, sourceId: true, subKind: true, text: true, folded: true },
  });
  return documents
    .map((document) =>
      document.kind === "person"
        ? {
            ...document,
            text: document.text.split(" · ").sort().join(" · "),
            folded: document.folded.split(" ").sort().join(" "),
          }
        : document,
    )
    .map((document) => JSON.stringify(document))
    .sort();
}

/** Every moved table, read whole through Prisma. */
const READERS: Record<string, (client: Db) => Promise<object[]>> = {
  User: (client) => client.user.findMany(),
  Account: (client) => client.account.findMany(),
  Source: (client) => client.source.findMany(),
  SourceAuthor: (client) => client.sourceAuthor.findMany(),
  Passage: (client) => client.passage.findMany(),
  Person: (client) => client.person.findMany(),
  PersonAlias: (client) => client.personAlias.findMany(),
  PersonMention: (client) => client.personMention.findMany(),
  PersonSuggestion: (client) => client.personSuggestion.findMany(),
  Claim: (client) => client.claim.findMany(),
  ClaimPerson: (client) => client.claimPerson.findMany(),
  EvidenceOrigin: (client) => client.evidenceOrigin.findMany(),
  Question: (client) => client.question.findMany(),
  QuestionClaim: (client) => client.questionClaim.findMany(),
  MatrixMark: (client) => client.matrixMark.findMany(),
  Evidence: (client) => client.evidence.findMany(),
  EvidenceReanchor: (client) => client.evidenceReanchor.findMany(),
  ConfidenceVote: (client) => client.confidenceVote.findMany(),
  VoteEvidence: (client) => client.voteEvidence.findMany(),
  ConfidenceVoteHistory: (client) => client.confidenceVoteHistory.findMany(),
  SourceRating: (client) => client.sourceRating.findMany(),
  SourceRatingHistory: (client) => client.sourceRatingHistory.findMany(),
  EvidenceRating: (client) => client.evidenceRating.findMany(),
  EvidenceRatingHistory: (client) => client.evidenceRatingHistory.findMany(),
  Revision: (client) => client.revision.findMany(),
  Comment: (client) => client.comment.findMany(),
  ClaimRelation: (client) => client.claimRelation.findMany(),
  AuditEvent: (client) => client.auditEvent.findMany(),
  Setting: (client) => client.setting.findMany(),
  Invitation: (client) => client.invitation.findMany(),
};

/** Every moved table read through Prisma: values (Dates as instants), not each database's representation. */
async function valuesOf(client: Db): Promise<Record<string, unknown[]>> {
  expect(Object.keys(READERS).sort()).toEqual([...MOVED.keys()].sort());
  const values: Record<string, unknown[]> = {};
  for (const [table, readAll] of Object.entries(READERS)) {
    const key = MOVED.get(table)!.key;
    values[table] = (await readAll(client))
      .map((row) =>
        Object.fromEntries(
          Object.entries(row).map(([column, value]) => [column, value instanceof Date ? value.toISOString() : value]),
        ),
      )
      .sort((a, b) => {
        const [left, right] = [key.map((column) => String(a[column])), key.map((column) => String(b[column]))];
        return left.join("\u0000") < right.join("\u0000") ? -1 : 1;
      });
  }
  return values;
}

describe(`workspace round trip: ${label(kind)} → ${label(other)} → ${label(kind)}`, () => {
  let mergedId = "";

  beforeAll(async () => {
    await resetDatabase();
    await loadSampleData(db(), { dataDir: getEnv().DATA_DIR });
    const admin = await makeActor("admin");
    const moderator = await makeActor("moderator");
    const contributor = await makeActor("contributor");
    const published = await db().claim.findMany({ where: { status: "published" }, orderBy: { id: "asc" }, take: 3 });
    const [first, second, third] = published;
    // A vote history: the same member changes their mind.
    await castVote(db(), contributor, { claimId: first!.id, value: 40, rationale: "Not sure yet" });
    // Naming the evidence that moved them most.
    const moving = await db().evidence.findMany({ where: { claimId: first!.id, removedAt: null }, take: 2 });
    expect(moving.length).toBeGreaterThan(0);
    await castVote(db(), contributor, {
      claimId: first!.id,
      value: 65,
      rationale: "Knight's reading convinces — mostly",
      evidenceIds: moving.map((item) => item.id),
    });
    // A rewording whose voters were asked to confirm, and one who did: wordings, marks and the choice move too.
    await editClaim(db(), moderator, {
      claimId: first!.id,
      changes: { statement: `${first!.statement} (as the team now words it)` },
      votesOnRewording: "confirm",
    });
    await confirmVote(db(), contributor, { claimId: first!.id });
    // A merged claim pointing forward in id order (the duplicate is older than the claim it went into).
    const duplicate = await makeClaim({ statement: "Nikolaev fired the shot that killed Kirov" });
    const kept = await makeClaim({ statement: "Leonid Nikolaev shot Kirov" });
    expect(duplicate.id < kept.id).toBe(true);
    await castVote(db(), contributor, { claimId: duplicate.id, value: 95 });
    await mergeClaims(db(), moderator, { into: kept.id, from: duplicate.id });
    mergedId = duplicate.id;
    // Comments with text that JSON and both databases must keep exactly, one hidden.
    const comment = await addComment(db(), contributor, {
      claimId: second!.id,
      body: 'Quotes "like this", a tab\there, Cyrillic Киров, Polish Łódź, an emoji 🧪,\nnew lines\r\nand a line separator \u2028 too.',
    });
    await addComment(db(), moderator, { claimId: second!.id, body: "**Markdown** stays _as written_." });
    await setCommentHidden(db(), moderator, { commentId: comment.id, hidden: true, reason: "Testing hidden comments" });
    await proposeRelation(db(), moderator, {
      claimId: second!.id,
      otherClaimId: third!.id,
      kind: "implies",
      note: "One leads to the other",
    });
    // Ratings (the sample rates its sources): a credibility rating changed, one withdrawn, a source rating withdrawn.
    const rated = await db().evidence.findFirstOrThrow({
      where: { removedAt: null, claim: { status: "published" } },
      orderBy: { id: "desc" },
    });
    await rateEvidence(db(), contributor, { evidenceId: rated.id, grade: 3, reason: "One source only — so far" });
    await rateEvidence(db(), contributor, { evidenceId: rated.id, grade: 2, reason: "Knight says the same" });
    await rateEvidence(db(), moderator, { evidenceId: rated.id, grade: 6, reason: "Cannot tell from this passage" });
    await withdrawEvidenceRating(db(), moderator, { evidenceId: rated.id });
    const ratedSource = await db().sourceRating.findFirstOrThrow({ orderBy: { id: "asc" }, include: { user: true } });
    await withdrawSourceRating(db(), actorOf(ratedSource.user), { sourceId: ratedSource.sourceId });
    await createInvitation(db(), admin, { role: "moderator", email: "new.moderator@example.org" });
    await setRegistrationMode(db(), admin, { mode: "open" });
    await setClaimLock(db(), moderator, { claimId: third!.id, locked: true });
    // A source in a second version pointing back at the first, with citations moved and one waiting.
    const cited = await db().evidence.findFirstOrThrow({
      where: { removedAt: null },
      orderBy: { id: "asc" },
      select: { passage: { select: { text: true, source: { select: { id: true, text: true } } } } },
    });
    const { text: quote, source: firstVersion } = cited.passage;
    await importSourceVersion(db(), contributor, {
      sourceId: firstVersion.id,
      content: `A correction note.\n\n${firstVersion.text.replace(quote, quote.replace(/ (?=\S)/, " quite "))}`,
    });
    expect(await db().evidenceReanchor.count()).toBeGreaterThan(0);
    await db().account.create({
      data: {
        userId: contributor.id!,
        type: "oauth",
        provider: "github",
        providerAccountId: "583231",
        access_token: "gho_not_exported",
        refresh_token: "ghr_not_exported",
        id_token: "eyJ.not.exported",
        expires_at: 2_000_000_000,
        token_type: "bearer",
        scope: "read:user,user:email",
        session_state: "state",
      },
    });
    // This installation's own one-time link does not travel.
    await db().setting.create({
      data: {
        key: SETUP_SETTING_KEY,
        value: JSON.stringify({ tokenHash: "a".repeat(64), expiresAt: new Date().toISOString() }),
      },
    });
    // As every start does: the search index and its key version are current.
    await ensureSearchIndex(db());
  });

  it("brings every row and column back equal; the middle database holds the same values; the search index is rebuilt the same", async () => {
    const timings: string[] = [];
    const time = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
      const started = performance.now();
      const result = await work();
      timings.push(`${step}: ${((performance.now() - started) / 1000).toFixed(2)} s`);
      return result;
    };
    const before = await tableSnapshot();
    expect(before.Claim.find((row) => row.id === mergedId)?.mergedIntoId).toBeTruthy();
    expect(before.ConfidenceVoteHistory.length).toBeGreaterThan(before.ConfidenceVote.length);
    expect(before.VoteEvidence.length).toBeGreaterThan(0);
    // The sample groups Orlov's passages under one origin: origins and the evidence naming them move.
    expect(before.EvidenceOrigin.length).toBeGreaterThan(0);
    expect(before.Evidence.some((row) => row.originId !== null)).toBe(true);
    expect(before.EvidenceRatingHistory.map((row) => row.grade)).toEqual(expect.arrayContaining([3, 2, 6, null]));
    expect(before.SourceRatingHistory.some((row) => row.grade === null)).toBe(true);

    const there = join(scratch, "there.jsonl");
    const back = join(scratch, "back.jsonl");
    await time(`export ${label(kind)} (lib)`, () => exportToFile(db(), kind, there));

    const middle = await time(`start/prepare ${label(other)}`, () => newDatabase(other, "middle"));
    const restored = await time(`npm run restore into ${label(other)}`, () => runScript("restore", [there], middle));
    expect(restored).toMatch(/✓ Restored [\d,]+ rows/);
    const exported = await time(`npm run export from ${label(other)}`, () =>
      runScript("export", [back, "--with-password-hashes"], middle),
    );
    expect(exported).toMatch(/✓ Exported [\d,]+ rows of 30 tables/);

    const home = await newDatabase(kind, "home");
    await applyMigrations(home.env);
    const homeDb = connect(home);
    const report = await time(`restore into a new ${label(kind)} (lib)`, () =>
      restoreWorkspace(homeDb, readLines(back)),
    );
    expect(report.header.database).toBe(other);
    const inScript = (output: string) => /in ([\d.]+ s)/.exec(output)?.[1] ?? "?";
    console.log(
      `workspace round trip (${Object.values(report.rows).reduce((a, b) => a + b, 0)} rows, ${before.Passage.length} passages): ` +
        `${timings.join("; ")} (the scripts' own work: restore ${inScript(restored)}, export ${inScript(exported)}; the rest is starting Node and tsx)`,
    );

    // Every row and column of every moved table, compared as each database of this kind stores it.
    const after = await tableSnapshot(homeDb, kind);
    expect(compared(after)).toEqual(expectedAfterTrip(before));
    // The other database, compared by value through Prisma.
    const middleValues = await valuesOf(connect(middle));
    const expectedValues = await valuesOf(db());
    expectedValues.Account = expectedValues.Account!.map((row) => ({
      ...(row as object),
      access_token: null,
      refresh_token: null,
      id_token: null,
    }));
    expectedValues.Setting = expectedValues.Setting!.filter(
      (row) => (row as { key: string }).key !== SETUP_SETTING_KEY,
    );
    expect(middleValues).toEqual(expectedValues);
    // The search index is not in the file: rebuilt, it holds what the app's own writes had put there.
    expect(await indexContent(homeDb)).toEqual(await indexContent(db()));
    expect(await indexContent(connect(middle))).toEqual(await indexContent(db()));
  }, 240_000);
});
