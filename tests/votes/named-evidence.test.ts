import { beforeEach, describe, expect, it } from "vitest";
import { mergeClaims } from "@/lib/claims/merge";
import { getClaimPage } from "@/lib/claims/page";
import { addEvidence } from "@/lib/evidence/mutations";
import { editClaim } from "@/lib/moderation/mutations";
import type { Actor } from "@/lib/permissions";
import { castVote, confirmVote } from "@/lib/votes/mutations";
import { getOwnVote } from "@/lib/votes/queries";
import { makeActor, makeClaim, makeSource, SYSTEM_ACTOR } from "../factories";
import { db, resetDatabase, tableSnapshot } from "../helpers";

/** What the claim page shows this reader of who named each piece (null: hidden by the vote-first rule). */
async function namedByOnPage(actor: Actor | null, claimId: string) {
  return (await getClaimPage(db(), actor, { claimId })).namedBy;
}

const QUOTES = [
  "Sergei Kirov was shot in the Smolny Institute",
  "Leonid Nikolaev, was arrested at once",
  "Stalin ordered the murder",
  "Nikolaev acted alone",
] as const;

/** A published claim with four pieces of evidence, all cited from one source. */
async function claimWithEvidence(statement?: string) {
  const claim = await makeClaim(statement ? { statement } : {});
  const source = await makeSource();
  const evidence = [];
  for (const [index, quote] of QUOTES.entries()) {
    evidence.push(
      await addEvidence(db(), SYSTEM_ACTOR, {
        claimId: claim.id,
        passage: { sourceId: source.id, quote },
        stance: index % 2 === 0 ? "supports" : "contradicts",
      }),
    );
  }
  return { claim, evidence: evidence.map((item) => item.id), source };
}

async function named(voteOf: { claimId: string; userId: string }) {
  const rows = await db().voteEvidence.findMany({
    where: { vote: { claimId: voteOf.claimId, userId: voteOf.userId } },
    select: { evidenceId: true },
  });
  return rows.map((row) => row.evidenceId).sort();
}

describe("naming the evidence that moved a voter most", () => {
  beforeEach(resetDatabase);

  it("records up to three pieces with the vote, and casting again replaces them", async () => {
    const { claim, evidence } = await claimWithEvidence();
    const ada = await makeActor("contributor");
    const first = await castVote(db(), ada, { claimId: claim.id, value: 70, evidenceIds: evidence.slice(0, 3) });
    expect([...first.evidenceIds].sort()).toEqual(evidence.slice(0, 3).sort());
    expect(await named({ claimId: claim.id, userId: ada.id! })).toEqual(evidence.slice(0, 3).sort());
    expect((await getOwnVote(db(), ada, claim.id))?.evidenceIds).toEqual(evidence.slice(0, 3).sort());

    await castVote(db(), ada, { claimId: claim.id, value: 60, evidenceIds: [evidence[3]!] });
    expect(await named({ claimId: claim.id, userId: ada.id! })).toEqual([evidence[3]]);

    // Casting without naming any (a form with no box ticked, an API call without the field) clears them.
    await castVote(db(), ada, { claimId: claim.id, value: 55 });
    expect(await named({ claimId: claim.id, userId: ada.id! })).toEqual([]);
    expect(await db().voteEvidence.count()).toBe(0);
  });

  it.each([
    ["too many", (ids: string[]) => ids.slice(0, 4)],
    ["the same one twice", (ids: string[]) => [ids[0]!, ids[0]!]],
    ["an unknown id", () => ["no-such-evidence"]],
    ["not a list", () => "abc" as unknown as string[]],
  ])("refuses %s (400 naming evidenceIds) and writes nothing", async (_case, pick) => {
    const { claim, evidence } = await claimWithEvidence();
    const ada = await makeActor("contributor");
    await castVote(db(), ada, { claimId: claim.id, value: 40, evidenceIds: [evidence[0]!] });
    const before = await tableSnapshot();
    const refusal = castVote(db(), ada, { claimId: claim.id, value: 80, evidenceIds: pick(evidence) });
    await expect(refusal).rejects.toMatchObject({ code: "INVALID", status: 400, field: "evidenceIds" });
    expect(await tableSnapshot()).toEqual(before);
  });

  it("refuses another claim's evidence and removed evidence, writing nothing", async () => {
    const { claim, evidence } = await claimWithEvidence();
    const other = await claimWithEvidence("Nikolaev acted on his own");
    const moderator = await makeActor("moderator");
    await editClaim(db(), moderator, {
      claimId: claim.id,
      changes: { evidence: [{ evidenceId: evidence[1]!, removed: true }] },
    });
    const ada = await makeActor("contributor");
    for (const evidenceIds of [[evidence[0]!, other.evidence[0]!], [evidence[1]!]]) {
      const before = await tableSnapshot();
      await expect(castVote(db(), ada, { claimId: claim.id, value: 80, evidenceIds })).rejects.toMatchObject({
        code: "INVALID",
        field: "evidenceIds",
      });
      expect(await tableSnapshot()).toEqual(before);
    }
  });

  it("confirming a vote on a new wording keeps the evidence it named", async () => {
    const { claim, evidence } = await claimWithEvidence();
    const ada = await makeActor("contributor");
    await castVote(db(), ada, { claimId: claim.id, value: 70, evidenceIds: [evidence[0]!, evidence[2]!] });
    await editClaim(db(), await makeActor("moderator"), {
      claimId: claim.id,
      changes: { statement: `${claim.statement}, reworded` },
      votesOnRewording: "confirm",
    });
    await confirmVote(db(), ada, { claimId: claim.id });
    expect(await named({ claimId: claim.id, userId: ada.id! })).toEqual([evidence[0]!, evidence[2]!].sort());
  });
});

describe("the claim page's evidence named by voters", () => {
  beforeEach(resetDatabase);

  async function namedByThree() {
    const { claim, evidence } = await claimWithEvidence();
    const voters: Actor[] = [];
    for (const [value, ids] of [
      [80, [evidence[0]!, evidence[1]!]],
      [60, [evidence[0]!]],
      [20, [evidence[0]!, evidence[2]!]],
    ] as const) {
      const voter = await makeActor("contributor");
      await castVote(db(), voter, { claimId: claim.id, value, evidenceIds: [...ids] });
      voters.push(voter);
    }
    return { claim, evidence, voters };
  }

  it("counts each piece's voters and their median, for every live piece", async () => {
    const { claim, evidence, voters } = await namedByThree();
    const figures = await namedByOnPage(voters[0]!, claim.id);
    expect(figures).toEqual({
      [evidence[0]!]: { count: 3, median: 60 },
      [evidence[1]!]: { count: 1, median: 80 },
      [evidence[2]!]: { count: 1, median: 20 },
      [evidence[3]!]: { count: 0, median: null },
    });
  });

  it("follows the vote-first rule: hidden from a member who may vote and has not, shown to readers who may see figures", async () => {
    const { claim, voters } = await namedByThree();
    const newcomer = await makeActor("contributor");
    expect(await namedByOnPage(newcomer, claim.id)).toBeNull();
    const anonymous = await namedByOnPage(null, claim.id);
    // Whatever the policy says of the public: the same as the team's figures on getClaim.
    const { getClaim } = await import("@/lib/claims/queries");
    const publicClaim = await getClaim(db(), null, { claimId: claim.id });
    expect(anonymous === null).toBe(!publicClaim.abilities.seeFigures);
    expect((await namedByOnPage(voters[1]!, claim.id)) === null).toBe(false);
  });

  it("counts only votes on the current wording, and hides them from a voter whose vote waits", async () => {
    const { claim, evidence, voters } = await namedByThree();
    await editClaim(db(), await makeActor("moderator"), {
      claimId: claim.id,
      changes: { statement: `${claim.statement}, reworded` },
      votesOnRewording: "confirm",
    });
    expect(await namedByOnPage(voters[0]!, claim.id)).toBeNull();
    await confirmVote(db(), voters[0]!, { claimId: claim.id });
    const figures = await namedByOnPage(voters[0]!, claim.id);
    expect(figures?.[evidence[0]!]).toEqual({ count: 1, median: 80 });
    expect(figures?.[evidence[2]!]).toEqual({ count: 0, median: null });
  });

  it("leaves removed evidence out but keeps the names, counted again if it is restored", async () => {
    const { claim, evidence, voters } = await namedByThree();
    const moderator = await makeActor("moderator");
    await editClaim(db(), moderator, {
      claimId: claim.id,
      changes: { evidence: [{ evidenceId: evidence[0]!, removed: true }] },
    });
    const figures = await namedByOnPage(voters[0]!, claim.id);
    expect(figures && evidence[0]! in figures).toBe(false);
    expect((await getOwnVote(db(), voters[0]!, claim.id))?.evidenceIds).toEqual([evidence[1]!]);
    expect(await db().voteEvidence.count({ where: { evidenceId: evidence[0]! } })).toBe(3);
    await editClaim(db(), moderator, {
      claimId: claim.id,
      changes: { evidence: [{ evidenceId: evidence[0]!, removed: false }] },
    });
    expect((await namedByOnPage(voters[0]!, claim.id))?.[evidence[0]!]).toEqual({ count: 3, median: 60 });
  });
});

describe("merging claims with named evidence", () => {
  beforeEach(resetDatabase);

  it("a moved vote keeps its names, following a citation the merge folded into the kept claim's", async () => {
    const kept = await claimWithEvidence("Leonid Nikolaev shot Kirov");
    const moderator = await makeActor("moderator");
    const duplicate = await makeClaim({ statement: "Nikolaev fired the shot that killed Kirov" });
    // The duplicate cites one passage the kept claim cites too, and one of its own.
    const shared = await addEvidence(db(), SYSTEM_ACTOR, {
      claimId: duplicate.id,
      passage: { sourceId: kept.source.id, quote: QUOTES[0] },
      stance: "supports",
    });
    const ownSource = await makeSource();
    const own = await addEvidence(db(), SYSTEM_ACTOR, {
      claimId: duplicate.id,
      passage: { sourceId: ownSource.id, quote: "Nikolaev acted alone" },
      stance: "supports",
    });
    const ada = await makeActor("contributor");
    const ben = await makeActor("contributor");
    await castVote(db(), ada, { claimId: duplicate.id, value: 90, evidenceIds: [shared.id, own.id] });
    // Ben voted on both; his later vote (on the kept claim) survives with its names, the other's go.
    await castVote(db(), ben, { claimId: duplicate.id, value: 10, evidenceIds: [shared.id] });
    await castVote(db(), ben, { claimId: kept.claim.id, value: 30, evidenceIds: [kept.evidence[3]!] });

    await mergeClaims(db(), moderator, { into: kept.claim.id, from: duplicate.id });

    expect(await named({ claimId: kept.claim.id, userId: ada.id! })).toEqual([kept.evidence[0]!, own.id].sort());
    expect(await named({ claimId: kept.claim.id, userId: ben.id! })).toEqual([kept.evidence[3]!]);
    // Every name points at evidence of its vote's claim.
    const rows = await db().voteEvidence.findMany({
      select: { vote: { select: { claimId: true } }, evidence: { select: { claimId: true } } },
    });
    expect(rows.every((row) => row.vote.claimId === row.evidence.claimId)).toBe(true);
    expect((await namedByOnPage(ada, kept.claim.id))?.[kept.evidence[0]!]).toEqual({ count: 1, median: 90 });
  });
});
