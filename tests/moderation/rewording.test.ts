// A claim whose words change keeps its votes only when a moderator says so (issue 15, item 3):
// a rewording of a claim that carries votes needs the choice keep or confirm, on a direct edit,
// an approval and a revert; "confirm" takes the votes out of the figures until each voter
// confirms theirs in one click (docs/decisions/0017-votes-and-rewording.md).
import { beforeEach, describe, expect, it } from "vitest";
import { getClaim, listClaims } from "@/lib/claims/queries";
import { approveRevision, editClaim, revertClaim } from "@/lib/moderation/mutations";
import { getClaimForEditing, getClaimHistory, listReviewQueue } from "@/lib/moderation/queries";
import { parseVotesOnRewording } from "@/lib/moderation/rewording";
import type { Actor } from "@/lib/permissions";
import { castVote, confirmVote } from "@/lib/votes/mutations";
import { getOwnVote, getVoteTimeline, listVoteReasons } from "@/lib/votes/queries";
import { makeActor, makeClaim } from "../factories";
import { db, resetDatabase, tableSnapshot } from "../helpers";

const OLD = "Stalin ordered Kirov's murder";
const NEW = "Stalin ordered the murder of Sergei Kirov in December 1934";

beforeEach(resetDatabase);

/** The example: a published claim with four votes on its first wording. */
async function claimWithFourVotes() {
  const claim = await makeClaim({ statement: OLD });
  const voters: Actor[] = [];
  for (const [value, rationale] of [
    [70, "The NKVD's role is documented"],
    [20, undefined],
    [55, undefined],
    [90, undefined],
  ] as const) {
    const voter = await makeActor("contributor");
    await castVote(db(), voter, { claimId: claim.id, value, ...(rationale ? { rationale } : {}) });
    voters.push(voter);
  }
  return { claim, voters, moderator: await makeActor("moderator") };
}

async function storedClaim(claimId: string) {
  return db().claim.findUniqueOrThrow({
    where: { id: claimId },
    select: {
      statement: true,
      wording: true,
      voteCount: true,
      voteMedian: true,
      votesAwaitingConfirmation: true,
      contested: true,
    },
  });
}

async function latestRevision(claimId: string) {
  return db().revision.findFirstOrThrow({
    where: { claimId, status: "approved" },
    orderBy: [{ reviewedAt: "desc" }, { id: "desc" }],
  });
}

const auditOf = async (action: string) =>
  JSON.parse((await db().auditEvent.findFirstOrThrow({ where: { action }, orderBy: { createdAt: "desc" } })).data);

describe("a direct edit that rewords a claim carrying votes", () => {
  it("is refused without the choice, naming the field and the votes, and writes nothing", async () => {
    const { claim, moderator } = await claimWithFourVotes();
    const before = await tableSnapshot();
    await expect(editClaim(db(), moderator, { claimId: claim.id, changes: { statement: NEW } })).rejects.toMatchObject({
      code: "INVALID",
      field: "votesOnRewording",
      message: expect.stringMatching(
        /^votesOnRewording: this change rewords a claim that carries 4 votes; choose keep/,
      ),
    });
    expect(await tableSnapshot()).toEqual(before);
  });

  it.each([
    ["an unknown choice", "discard"],
    ["a number", 1],
  ])("refuses %s, naming the field, and writes nothing", async (_name, choice) => {
    const { claim, moderator } = await claimWithFourVotes();
    const before = await tableSnapshot();
    await expect(
      editClaim(db(), moderator, { claimId: claim.id, changes: { statement: NEW }, votesOnRewording: choice }),
    ).rejects.toMatchObject({ code: "INVALID", field: "votesOnRewording" });
    expect(await tableSnapshot()).toEqual(before);
  });

  it("keep: the votes count for the new wording, as they were, and the choice is in the history and the audit", async () => {
    const { claim, moderator } = await claimWithFourVotes();
    const votesBefore = await db().confidenceVote.findMany({ where: { claimId: claim.id }, orderBy: { id: "asc" } });
    const figuresBefore = (await getClaim(db(), null, { claimId: claim.id })).votes;

    await editClaim(db(), moderator, { claimId: claim.id, changes: { statement: NEW }, votesOnRewording: "keep" });

    expect(await storedClaim(claim.id)).toMatchObject({
      statement: NEW,
      wording: 1,
      voteCount: 4,
      votesAwaitingConfirmation: 0,
    });
    expect(await db().confidenceVote.findMany({ where: { claimId: claim.id }, orderBy: { id: "asc" } })).toEqual(
      votesBefore,
    );
    expect((await getClaim(db(), null, { claimId: claim.id })).votes).toEqual(figuresBefore);
    const revision = await latestRevision(claim.id);
    expect(parseVotesOnRewording(revision.votesOnRewording)).toEqual({ choice: "keep", votes: 4, wording: 1 });
    expect((await auditOf("claim.edit")).votesOnRewording).toEqual({ choice: "keep", votes: 4, wording: 1 });
    const history = await getClaimHistory(db(), null, { claimId: claim.id });
    expect(history.revisions[0]!.votesOnRewording).toEqual({ choice: "keep", votes: 4, wording: 1 });
  });

  it("confirm: a new wording, every vote marked as cast on the earlier one and out of every figure until confirmed", async () => {
    const { claim, voters, moderator } = await claimWithFourVotes();
    const votesBefore = await db().confidenceVote.findMany({ where: { claimId: claim.id }, orderBy: { id: "asc" } });

    await editClaim(db(), moderator, { claimId: claim.id, changes: { statement: NEW }, votesOnRewording: "confirm" });

    expect(await storedClaim(claim.id)).toEqual({
      statement: NEW,
      wording: 2,
      voteCount: 0,
      voteMedian: null,
      votesAwaitingConfirmation: 4,
      contested: false,
    });
    const votesAfter = await db().confidenceVote.findMany({ where: { claimId: claim.id }, orderBy: { id: "asc" } });
    // Marked, and nothing else about them changes: value, reason, and when they were given.
    expect(votesAfter).toEqual(votesBefore.map((vote) => ({ ...vote, onEarlierWording: true })));
    expect(votesAfter.every((vote) => vote.wording === 1)).toBe(true);

    const anonymous = (await getClaim(db(), null, { claimId: claim.id })).votes;
    expect(anonymous).toMatchObject({ count: 0, median: null, awaitingConfirmation: 4, figuresHidden: false });
    expect(anonymous.histogram).toEqual(Array(10).fill(0));
    expect((await listClaims(db(), null, {})).items.find((item) => item.id === claim.id)?.votes).toEqual({
      count: 0,
      median: null,
      contested: false,
      figuresHidden: false,
      awaitingConfirmation: 4,
    });
    expect(await getVoteTimeline(db(), claim.id)).toEqual([]);
    expect(parseVotesOnRewording((await latestRevision(claim.id)).votesOnRewording)).toEqual({
      choice: "confirm",
      votes: 4,
      wording: 2,
    });
    // Each voter is told, with the value and the date they gave it.
    const own = await getOwnVote(db(), voters[0]!, claim.id);
    expect(own).toMatchObject({
      value: 70,
      onEarlierWording: true,
      updatedAt: votesBefore[0]!.updatedAt.toISOString(),
    });
  });

  it("needs no choice when only case, accents, punctuation or spacing change, and leaves the votes alone", async () => {
    const { claim, moderator } = await claimWithFourVotes();
    const votesBefore = await db().confidenceVote.findMany({ where: { claimId: claim.id }, orderBy: { id: "asc" } });
    await editClaim(db(), moderator, {
      claimId: claim.id,
      changes: { statement: "STALIN ordered  Kirov’s murder." },
    });
    expect(await storedClaim(claim.id)).toMatchObject({ wording: 1, voteCount: 4, votesAwaitingConfirmation: 0 });
    expect(await db().confidenceVote.findMany({ where: { claimId: claim.id }, orderBy: { id: "asc" } })).toEqual(
      votesBefore,
    );
    expect((await latestRevision(claim.id)).votesOnRewording).toBeNull();
  });

  it("ignores a choice that nothing needs: an edit that keeps the words, or a claim without votes", async () => {
    const { claim, moderator } = await claimWithFourVotes();
    await editClaim(db(), moderator, {
      claimId: claim.id,
      changes: { status: "archived" },
      votesOnRewording: "confirm",
    });
    expect(await storedClaim(claim.id)).toMatchObject({ wording: 1, voteCount: 4, votesAwaitingConfirmation: 0 });
    expect((await latestRevision(claim.id)).votesOnRewording).toBeNull();

    const unvoted = await makeClaim({ statement: OLD });
    await editClaim(db(), moderator, { claimId: unvoted.id, changes: { statement: NEW } });
    await editClaim(db(), moderator, { claimId: unvoted.id, changes: { statement: OLD }, votesOnRewording: "confirm" });
    expect(await storedClaim(unvoted.id)).toMatchObject({ statement: OLD, wording: 1 });
  });

  it("counts only the votes on the current wording: once all wait for confirmation, the next rewording needs no choice", async () => {
    const { claim, moderator } = await claimWithFourVotes();
    await editClaim(db(), moderator, { claimId: claim.id, changes: { statement: NEW }, votesOnRewording: "confirm" });
    await editClaim(db(), moderator, { claimId: claim.id, changes: { statement: `${NEW} in Leningrad` } });
    expect(await storedClaim(claim.id)).toMatchObject({ wording: 2, voteCount: 0, votesAwaitingConfirmation: 4 });
  });

  it("the edit form offers the choice to a moderator when the claim carries votes", async () => {
    const { claim, voters, moderator } = await claimWithFourVotes();
    expect((await getClaimForEditing(db(), moderator, { claimId: claim.id })).votes).toEqual({
      count: 4,
      awaitingConfirmation: 0,
    });
    await editClaim(db(), moderator, { claimId: claim.id, changes: { statement: NEW }, votesOnRewording: "confirm" });
    await confirmVote(db(), voters[0]!, { claimId: claim.id });
    expect((await getClaimForEditing(db(), moderator, { claimId: claim.id })).votes).toEqual({
      count: 1,
      awaitingConfirmation: 3,
    });
  });
});

describe("a proposal that rewords a claim carrying votes", () => {
  async function proposed() {
    const arranged = await claimWithFourVotes();
    const proposer = await makeActor("contributor");
    const proposal = await editClaim(db(), proposer, { claimId: arranged.claim.id, changes: { statement: NEW } });
    expect(proposal.status).toBe("pending");
    return { ...arranged, proposer, revisionId: proposal.revisionId };
  }

  it("is made without a choice: a contributor who sends one is refused and nothing is written", async () => {
    const { claim } = await claimWithFourVotes();
    const contributor = await makeActor("contributor");
    const before = await tableSnapshot();
    await expect(
      editClaim(db(), contributor, { claimId: claim.id, changes: { statement: NEW }, votesOnRewording: "keep" }),
    ).rejects.toMatchObject({ code: "INVALID", field: "votesOnRewording" });
    expect(await tableSnapshot()).toEqual(before);
  });

  it("shows the reviewer the votes it carries, and approval without the choice is refused with nothing changed", async () => {
    const { claim, moderator, revisionId } = await proposed();
    const queued = (await listReviewQueue(db(), moderator)).find((revision) => revision.id === revisionId)!;
    expect(queued.votesChoice).toEqual({ votes: 4 });
    expect(queued.claim).toEqual({ id: claim.id, slug: claim.slug, statement: OLD });

    const before = await tableSnapshot();
    await expect(approveRevision(db(), moderator, { revisionId })).rejects.toMatchObject({
      code: "INVALID",
      field: "votesOnRewording",
      message: expect.stringContaining("carries 4 votes"),
    });
    expect(await tableSnapshot()).toEqual(before);
  });

  it("approved with keep: the votes count for the new wording", async () => {
    const { claim, moderator, revisionId } = await proposed();
    await approveRevision(db(), moderator, { revisionId, votesOnRewording: "keep" });
    expect(await storedClaim(claim.id)).toMatchObject({ statement: NEW, wording: 1, voteCount: 4, voteMedian: 62.5 });
    const revision = await db().revision.findUniqueOrThrow({ where: { id: revisionId } });
    expect(parseVotesOnRewording(revision.votesOnRewording)).toEqual({ choice: "keep", votes: 4, wording: 1 });
    expect((await auditOf("revision.approve")).votesOnRewording).toEqual({ choice: "keep", votes: 4, wording: 1 });
  });

  it("approved with confirm: the votes wait for their voters", async () => {
    const { claim, moderator, revisionId } = await proposed();
    await approveRevision(db(), moderator, { revisionId, votesOnRewording: "confirm" });
    expect(await storedClaim(claim.id)).toMatchObject({
      statement: NEW,
      wording: 2,
      voteCount: 0,
      votesAwaitingConfirmation: 4,
    });
    const revision = await db().revision.findUniqueOrThrow({ where: { id: revisionId } });
    expect(parseVotesOnRewording(revision.votesOnRewording)).toEqual({ choice: "confirm", votes: 4, wording: 2 });
  });

  it("that changes other fields only asks nothing", async () => {
    const { claim, moderator } = await claimWithFourVotes();
    const proposal = await editClaim(db(), await makeActor("contributor"), {
      claimId: claim.id,
      changes: { statement: `${OLD}.` },
    });
    expect((await listReviewQueue(db(), moderator))[0]!.votesChoice).toBeNull();
    await approveRevision(db(), moderator, { revisionId: proposal.revisionId });
    expect(await storedClaim(claim.id)).toMatchObject({ statement: `${OLD}.`, wording: 1, voteCount: 4 });
  });
});

describe("a revert that rewords a claim carrying votes", () => {
  it("needs the choice as an edit does; the history offers it on the revisions whose words differ", async () => {
    const claim = await makeClaim({ statement: OLD });
    const moderator = await makeActor("moderator");
    const created = await db().revision.findFirstOrThrow({ where: { claimId: claim.id } });
    await editClaim(db(), moderator, { claimId: claim.id, changes: { statement: NEW } });
    // Votes cast on the new words: reverting would make them answer the old ones.
    const voter = await makeActor("contributor");
    await castVote(db(), voter, { claimId: claim.id, value: 35 });

    const history = await getClaimHistory(db(), moderator, { claimId: claim.id });
    expect(history.revisions.find((revision) => revision.id === created.id)?.votesChoice).toEqual({ votes: 1 });
    expect(history.revisions[0]!.votesChoice).toBeNull();

    const before = await tableSnapshot();
    await expect(
      revertClaim(db(), moderator, { claimId: claim.id, revisionId: created.id, reason: "Back to the first words" }),
    ).rejects.toMatchObject({
      code: "INVALID",
      field: "votesOnRewording",
    });
    expect(await tableSnapshot()).toEqual(before);

    await revertClaim(db(), moderator, {
      claimId: claim.id,
      revisionId: created.id,
      reason: "Back to the first words",
      votesOnRewording: "confirm",
    });
    expect(await storedClaim(claim.id)).toMatchObject({
      statement: OLD,
      wording: 2,
      voteCount: 0,
      votesAwaitingConfirmation: 1,
    });
    expect((await auditOf("claim.revert")).votesOnRewording).toEqual({ choice: "confirm", votes: 1, wording: 2 });
  });
});

describe("confirming a vote cast on an earlier wording", () => {
  async function reworded() {
    const arranged = await claimWithFourVotes();
    await editClaim(db(), arranged.moderator, {
      claimId: arranged.claim.id,
      changes: { statement: NEW },
      votesOnRewording: "confirm",
    });
    return arranged;
  }

  it("takes one call: the same value and reason count again, on the new wording, in every figure", async () => {
    const { claim, voters } = await reworded();
    const [first, second] = voters;
    await confirmVote(db(), first!, { claimId: claim.id });

    const vote = await db().confidenceVote.findUniqueOrThrow({
      where: { claimId_userId: { claimId: claim.id, userId: first!.id! } },
    });
    expect(vote).toMatchObject({
      value: 70,
      rationale: "The NKVD's role is documented",
      wording: 2,
      onEarlierWording: false,
    });
    const history = await db().confidenceVoteHistory.findMany({
      where: { claimId: claim.id, userId: first!.id! },
      orderBy: { castAt: "asc" },
    });
    expect(history.map((entry) => [entry.value, entry.wording])).toEqual([
      [70, 1],
      [70, 2],
    ]);
    expect(await storedClaim(claim.id)).toMatchObject({ voteCount: 1, voteMedian: 70, votesAwaitingConfirmation: 3 });
    expect((await getClaim(db(), first!, { claimId: claim.id })).votes).toMatchObject({
      count: 1,
      median: 70,
      awaitingConfirmation: 3,
      figuresHidden: false,
    });
    expect(await getVoteTimeline(db(), claim.id)).toEqual([expect.objectContaining({ median: 70, count: 1 })]);
    expect((await listVoteReasons(db(), first!, { claimId: claim.id }))?.total).toBe(1);
    expect(await auditOf("vote.confirm")).toEqual({ value: 70, wording: 2 });

    // Voting again confirms too, with the new value.
    await castVote(db(), second!, { claimId: claim.id, value: 40 });
    expect(await storedClaim(claim.id)).toMatchObject({ voteCount: 2, voteMedian: 55, votesAwaitingConfirmation: 2 });
  });

  it("is refused, writing nothing, for a vote already on the current wording and for a member who has not voted", async () => {
    const { claim, voters } = await reworded();
    await confirmVote(db(), voters[0]!, { claimId: claim.id });
    const newcomer = await makeActor("contributor");
    const before = await tableSnapshot();
    await expect(confirmVote(db(), voters[0]!, { claimId: claim.id })).rejects.toMatchObject({
      code: "CONFLICT",
      field: "claimId",
      message: "claimId: your vote is already on the claim's current wording",
    });
    await expect(confirmVote(db(), newcomer, { claimId: claim.id })).rejects.toMatchObject({
      code: "CONFLICT",
      field: "claimId",
      message: "claimId: you have not voted on this claim; cast a vote instead",
    });
    expect(await tableSnapshot()).toEqual(before);
  });

  it("counts toward the member's vote limit", async () => {
    const { claim, voters } = await reworded();
    const key = `write.vote:${voters[1]!.id}`;
    const before = await db().rateLimitEvent.count({ where: { key } });
    await confirmVote(db(), voters[1]!, { claimId: claim.id });
    expect(await db().rateLimitEvent.count({ where: { key } })).toBe(before + 1);
  });
});
