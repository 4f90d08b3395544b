import { beforeEach, describe, expect, it } from "vitest";
import { mergeClaims } from "@/lib/claims/merge";
import { createClaim } from "@/lib/claims/mutations";
import { getClaim } from "@/lib/claims/queries";
import { refreshClaimStats } from "@/lib/claims/stats";
import { getDatabaseKind } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { SYSTEM_ACTOR } from "@/lib/permissions";
import { aggregateVotes } from "@/lib/votes/aggregate";
import { castVote } from "@/lib/votes/mutations";
import { makeActor, makeClaim, makeUser } from "../factories";
import { db, resetDatabase } from "../helpers";

/** The claim's stored figures beside the figures its rows give. */
async function storedAndRecomputed(claimId: string) {
  const claim = await db().claim.findUniqueOrThrow({
    where: { id: claimId },
    select: { voteCount: true, voteMedian: true, voteIqr: true, contested: true },
  });
  const votes = await db().confidenceVote.findMany({ where: { claimId }, select: { value: true } });
  const aggregate = aggregateVotes(votes.map((vote) => vote.value));
  return {
    stored: claim,
    recomputed: {
      voteCount: aggregate.count,
      voteMedian: aggregate.median,
      voteIqr: aggregate.iqr,
      contested: aggregate.contested,
    },
  };
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe("stored figures under concurrency", () => {
  beforeEach(resetDatabase);

  it("100 votes at once from several members leave the stored figures equal to the votes", async () => {
    const claim = await makeClaim();
    const members = await Promise.all(
      (["contributor", "contributor", "moderator", "admin", "contributor"] as const).map((role) => makeActor(role)),
    );
    const votes = Array.from({ length: 100 }, (_, index) => ({
      actor: members[index % members.length]!,
      value: (index * 37) % 101,
    }));
    const results = await Promise.allSettled(
      votes.map(({ actor, value }) => castVote(db(), actor, { claimId: claim.id, value })),
    );
    // Every vote is taken (20 per member is within the write limit) and none fails on a race.
    expect(results.filter((result) => result.status === "rejected")).toEqual([]);
    const { stored, recomputed } = await storedAndRecomputed(claim.id);
    expect(recomputed.voteCount).toBe(members.length);
    expect(stored).toEqual(recomputed);
  });

  // PostgreSQL: a row lock on the claim. SQLite: one write transaction at a time, which the
  // figures rely on there; each database proves its own half.
  it("a recount that starts while another vote's transaction is open waits for it and counts both", async () => {
    if (getDatabaseKind() === "postgres") {
      const claim = await makeClaim();
      const [first, second] = await Promise.all([makeUser("contributor"), makeUser("contributor")]);
      const secondStarted = deferred();
      const firstRefreshed = deferred();
      // The first transaction records its vote and recounts, then stays open while the second records
      // its own vote and recounts: the interleaving that lost a vote before (the second counted
      // without the first's uncommitted vote, then its update landed last).
      const firstTransaction = db().$transaction(
        async (tx) => {
          await tx.confidenceVote.create({ data: { claimId: claim.id, userId: first.id, value: 90 } });
          await refreshClaimStats(tx, claim.id);
          firstRefreshed.resolve();
          await secondStarted.promise;
          await new Promise((wait) => setTimeout(wait, 300));
        },
        { timeout: 20_000 },
      );
      const secondTransaction = (async () => {
        await firstRefreshed.promise;
        await db().$transaction(
          async (tx) => {
            secondStarted.resolve();
            await tx.confidenceVote.create({ data: { claimId: claim.id, userId: second.id, value: 10 } });
            await refreshClaimStats(tx, claim.id);
          },
          { timeout: 20_000 },
        );
      })();
      await Promise.all([firstTransaction, secondTransaction]);
      const { stored, recomputed } = await storedAndRecomputed(claim.id);
      expect(recomputed.voteCount).toBe(2);
      expect(stored).toEqual(recomputed);
    } else {
      const claim = await makeClaim();
      const order: string[] = [];
      const firstStarted = deferred();
      const first = db().$transaction(async (tx) => {
        await tx.claim.update({ where: { id: claim.id }, data: { voteCount: 1 } });
        order.push("first wrote");
        firstStarted.resolve();
        await new Promise((wait) => setTimeout(wait, 200));
        order.push("first committing");
      });
      await firstStarted.promise;
      const second = db().$transaction(async (tx) => {
        order.push("second started");
        await tx.claim.findUniqueOrThrow({ where: { id: claim.id } });
      });
      await Promise.all([first, second]);
      expect(order).toEqual(["first wrote", "first committing", "second started"]);
    }
  });

  it("opposite merges at once (A into B, B into A): one wins, the other is refused, no claim points at its own duplicate", async () => {
    const moderator = await makeActor("moderator");
    const a = await makeClaim({ statement: "Nikolaev acted alone." });
    const b = await makeClaim({ statement: "Nikolaev acted on his own." });
    const results = await Promise.allSettled([
      mergeClaims(db(), moderator, { into: a.id, from: b.id }),
      mergeClaims(db(), moderator, { into: b.id, from: a.id }),
    ]);
    const fulfilled = results.filter((result) => result.status === "fulfilled");
    const rejected = results.filter((result): result is PromiseRejectedResult => result.status === "rejected");
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(isAppError(rejected[0]!.reason)).toBe(true);
    const claims = await db().claim.findMany({ where: { id: { in: [a.id, b.id] } }, select: { mergedIntoId: true } });
    expect(claims.filter((claim) => claim.mergedIntoId !== null)).toHaveLength(1);
  });
});

describe("claims named by id or slug", () => {
  beforeEach(resetDatabase);

  it("a statement spelled like another claim's id gets a slug that is not an id, and each reference finds one claim", async () => {
    const existing = await makeClaim({ statement: "Kirov was shot in the Smolny." });
    const lookalike = await createClaim(db(), SYSTEM_ACTOR, { statement: existing.id, status: "published" });
    expect(lookalike.slug).not.toBe(existing.id);
    expect((await getClaim(db(), null, { claimId: existing.id })).id).toBe(existing.id);
    expect((await getClaim(db(), null, { claimId: lookalike.slug })).id).toBe(lookalike.id);
  });

  it("a vote, a comment and a lock accept the claim's slug as well as its id", async () => {
    const claim = await makeClaim({ statement: "Stalin ordered the murder of Kirov." });
    const member = await makeActor("contributor");
    const vote = await castVote(db(), member, { claimId: claim.slug, value: 70 });
    expect(vote.claimId).toBe(claim.id);
    const { addComment } = await import("@/lib/comments/mutations");
    const comment = await addComment(db(), member, { claimId: claim.slug, body: "By slug." });
    expect(comment.claimId).toBe(claim.id);
    const { setClaimLock } = await import("@/lib/moderation/mutations");
    const moderator = await makeActor("moderator");
    await expect(setClaimLock(db(), moderator, { claimId: claim.slug, locked: true })).resolves.toMatchObject({
      claimId: claim.id,
      locked: true,
    });
  });
});
