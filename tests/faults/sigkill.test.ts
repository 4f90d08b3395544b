// Faults: a process killed with SIGKILL in the middle of an import, a vote, an approval and a
// merge. After a restart the database opens, holds all or none of the interrupted write, and every
// claim's stored figures equal what its rows give. Runs on the database of this test run (npm test
// runs it on SQLite and on PostgreSQL).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { disconnectDb, getDatabaseKind } from "@/lib/db";
import { addEvidence } from "@/lib/evidence/mutations";
import { editClaim } from "@/lib/moderation/mutations";
import { SYSTEM_ACTOR } from "@/lib/permissions";
import { prepareSource } from "@/lib/sources/import";
import { aggregateVotes } from "@/lib/votes/aggregate";
import { castVote } from "@/lib/votes/mutations";
import { actorOf, makeActor, makeClaim, makeSource, makeUser } from "../factories";
import { db, resetDatabase } from "../helpers";

const root = resolve(import.meta.dirname, "../..");
const scratch = mkdtempSync(join(tmpdir(), "factcheck-faults-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * Runs the worker over the inputs and kills it with SIGKILL `delayMs` after it reports starting
 * input `killAt`. Resolves with how many inputs it reported done.
 */
function runAndKill(operation: string, inputs: unknown[], killAt: number, delayMs: number): Promise<number> {
  const file = join(scratch, `${operation}-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(inputs));
  // Node itself runs the worker (tsx as a loader, not its CLI, which would run it in a grandchild
  // that outlives the kill).
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", join(root, "tests/faults/worker.ts"), operation, file],
    { cwd: root, env: process.env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let done = 0;
  let last = "";
  let errors = "";
  let buffered = "";
  child.stderr.on("data", (chunk: Buffer) => {
    errors += chunk.toString();
  });
  child.stdout.on("data", (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split("\n");
    buffered = lines.pop()!;
    for (const line of lines) {
      if (line.startsWith("done ")) done++;
      last = line;
      if (line === `begin ${killAt}`) setTimeout(() => child.kill("SIGKILL"), delayMs);
    }
  });
  return new Promise((settle, fail) => {
    // "close", not "exit": every line the worker wrote before it died is read by then.
    child.on("close", (code, signal) => {
      // Killed between "begin" and "done": while a write was under way, not between two.
      if (signal === "SIGKILL" && last.startsWith("begin ")) settle(done);
      else if (signal === "SIGKILL") fail(new Error(`the kill landed between two writes (last line "${last}")`));
      else fail(new Error(`the worker ended with ${code ?? signal} before it was killed (done ${done}):\n${errors}`));
    });
  });
}

/** A restart: the test's own connection is dropped and opened again, and the database checked. */
async function restart() {
  await disconnectDb();
  if (getDatabaseKind() === "sqlite") {
    const rows = await db().$queryRawUnsafe<{ integrity_check: string }[]>("PRAGMA integrity_check");
    expect(rows.map((row) => row.integrity_check)).toEqual(["ok"]);
  } else {
    await expect(db().$queryRawUnsafe("SELECT 1")).resolves.toBeDefined();
  }
}

/** Every claim's stored figures equal what its evidence and votes give. */
async function expectFiguresMatchRows() {
  const claims = await db().claim.findMany({
    select: {
      id: true,
      voteCount: true,
      voteMedian: true,
      evidenceCount: true,
      supportsCount: true,
      votes: { select: { value: true } },
      evidence: { where: { removedAt: null }, select: { stance: true } },
    },
  });
  for (const claim of claims) {
    const aggregate = aggregateVotes(claim.votes.map((vote) => vote.value));
    expect({ id: claim.id, count: claim.voteCount, median: claim.voteMedian }).toEqual({
      id: claim.id,
      count: aggregate.count,
      median: aggregate.median,
    });
    expect(claim.evidenceCount).toBe(claim.evidence.length);
    expect(claim.supportsCount).toBe(claim.evidence.filter((item) => item.stance === "supports").length);
  }
}

/**
 * Prose long enough that importing it takes well over the kill's delay: about 2 MB, some two
 * seconds at the importer's megabyte a second (a few hundred kilobytes were done before the kill).
 */
function longText(seed: number): string {
  const people = ["Kirov", "Nikolaev", "Stalin", "Yagoda", "Medved", "Borisov", "Zaporozhets"];
  const verbs = ["met", "wrote to", "argued with", "reported on", "was seen with", "denied knowing"];
  const paragraphs: string[] = [];
  for (let index = 0; index < 12_000; index++) {
    const who = people[(index + seed) % people.length]!;
    const whom = people[(index * 3 + seed + 1) % people.length]!;
    paragraphs.push(
      `In report ${seed}-${index}, ${who} ${verbs[index % verbs.length]} ${whom} in Leningrad. ` +
        `The archive gives file ${index * 7 + seed} as its source. Historians still read it differently.`,
    );
  }
  return paragraphs.join("\n\n");
}

describe("SIGKILL in the middle of a write", () => {
  beforeEach(resetDatabase);

  it("an import: the database opens and holds each source whole or not at all", async () => {
    const inputs = [0, 1, 2].map((seed) => ({ title: `Report ${seed}`, content: longText(seed) }));
    const done = await runAndKill("import", inputs, 1, 400);
    await restart();
    const sources = await db().source.findMany({
      select: { id: true, title: true, _count: { select: { passages: true } } },
      orderBy: { title: "asc" },
    });
    expect(sources.length).toBeGreaterThanOrEqual(done);
    expect(sources.length).toBeLessThanOrEqual(done + 1);
    for (const source of sources) {
      const input = inputs.find((item) => item.title === source.title)!;
      const prepared = prepareSource({ content: input.content, title: input.title });
      expect(source._count.passages).toBe(prepared.passages.length);
      const indexed = await db().searchDocument.count({ where: { kind: "passage", sourceId: source.id } });
      expect(indexed).toBe(prepared.passages.length);
    }
  }, 120_000);

  it("votes: the claim's stored figures equal its votes, and every vote is in the log", async () => {
    const claim = await makeClaim();
    const members = await Promise.all([makeUser("contributor"), makeUser("contributor"), makeUser("moderator")]);
    const inputs = Array.from({ length: 150 }, (_, index) => ({
      claimId: claim.id,
      value: (index * 29) % 101,
      actor: actorOf(members[index % members.length]!),
    }));
    const done = await runAndKill("vote", inputs, 20, 7);
    await restart();
    await expectFiguresMatchRows();
    const logged = await db().confidenceVoteHistory.count({ where: { claimId: claim.id } });
    expect(logged).toBeGreaterThanOrEqual(done);
    expect(logged).toBeLessThanOrEqual(done + 1);
    // Each member's current vote is the last one logged for them.
    for (const member of members) {
      const current = await db().confidenceVote.findUnique({
        where: { claimId_userId: { claimId: claim.id, userId: member.id } },
      });
      const last = await db().confidenceVoteHistory.findFirst({
        where: { claimId: claim.id, userId: member.id },
        orderBy: [{ castAt: "desc" }, { id: "desc" }],
      });
      expect(current?.value ?? null).toBe(last?.value ?? null);
    }
  }, 120_000);

  it("approvals: each proposal is either approved and applied, or still pending with the claim unchanged", async () => {
    const contributor = await makeActor("contributor");
    const moderator = await makeUser("moderator");
    const proposals: { claimId: string; revisionId: string; original: string; proposed: string }[] = [];
    for (let index = 0; index < 12; index++) {
      const claim = await makeClaim({ statement: `Proposal target ${index} was shot in 1934.` });
      const proposed = `Proposal target ${index} was shot in December 1934.`;
      const result = await editClaim(db(), contributor, { claimId: claim.id, changes: { statement: proposed } });
      if (!("revisionId" in result) || !result.revisionId) throw new Error("expected a proposal");
      proposals.push({ claimId: claim.id, revisionId: result.revisionId, original: claim.statement, proposed });
    }
    const inputs = proposals.map((item) => ({ revisionId: item.revisionId, actor: actorOf(moderator) }));
    const done = await runAndKill("approve", inputs, 4, 5);
    await restart();
    let approved = 0;
    for (const item of proposals) {
      const revision = await db().revision.findUniqueOrThrow({ where: { id: item.revisionId } });
      const claim = await db().claim.findUniqueOrThrow({ where: { id: item.claimId } });
      if (revision.status === "approved") {
        approved++;
        expect(claim.statement).toBe(item.proposed);
      } else {
        expect(revision.status).toBe("pending");
        expect(claim.statement).toBe(item.original);
      }
    }
    expect(approved).toBeGreaterThanOrEqual(done);
    expect(approved).toBeLessThanOrEqual(done + 1);
  }, 120_000);

  it("merges: each pair is merged whole (evidence, votes, figures) or not at all", async () => {
    const source = await makeSource();
    const sentences = source.passages.filter((passage) => passage.kind === "sentence");
    const voter = actorOf(await makeUser("contributor"));
    const moderator = await makeUser("moderator");
    const pairs: { into: string; from: string }[] = [];
    for (let index = 0; index < 8; index++) {
      const into = await makeClaim({ statement: `Merge target ${index} acted alone.` });
      const from = await makeClaim({ statement: `Merge target ${index} acted on his own.` });
      await addEvidence(db(), SYSTEM_ACTOR, {
        claimId: from.id,
        stance: "supports",
        passage: { passageId: sentences[index % sentences.length]!.id },
      });
      await castVote(db(), voter, { claimId: from.id, value: 30 + index });
      pairs.push({ into: into.id, from: from.id });
    }
    const inputs = pairs.map((pair) => ({ ...pair, actor: actorOf(moderator) }));
    const done = await runAndKill("merge", inputs, 3, 10);
    await restart();
    let merged = 0;
    for (const pair of pairs) {
      const from = await db().claim.findUniqueOrThrow({
        where: { id: pair.from },
        select: { mergedIntoId: true, status: true, _count: { select: { evidence: true, votes: true } } },
      });
      const into = await db().claim.findUniqueOrThrow({
        where: { id: pair.into },
        select: { _count: { select: { evidence: true, votes: true } } },
      });
      if (from.mergedIntoId) {
        merged++;
        expect(from).toMatchObject({ mergedIntoId: pair.into, status: "archived", _count: { evidence: 0, votes: 0 } });
        expect(into._count).toEqual({ evidence: 1, votes: 1 });
      } else {
        expect(from._count).toEqual({ evidence: 1, votes: 1 });
        expect(into._count).toEqual({ evidence: 0, votes: 0 });
      }
    }
    expect(merged).toBeGreaterThanOrEqual(done);
    expect(merged).toBeLessThanOrEqual(done + 1);
    await expectFiguresMatchRows();
  }, 120_000);
});
