import { beforeEach, describe, expect, it } from "vitest";
import { createClaim } from "@/lib/claims/mutations";
import { listClaims, listRelatedClaims } from "@/lib/claims/queries";
import { addEvidence } from "@/lib/evidence/mutations";
import { editClaim } from "@/lib/moderation/mutations";
import { searchPassages } from "@/lib/passages/queries";
import { castVote } from "@/lib/votes/mutations";
import { makeActor, makePerson, makeSource, SYSTEM_ACTOR } from "../factories";
import { db, resetDatabase } from "../helpers";

beforeEach(resetDatabase);

async function claimWithVotes(
  statement: string,
  values: number[],
  evidence: { stance: "supports" | "contradicts" | "context"; quote: string }[] = [],
) {
  const claim = await createClaim(db(), SYSTEM_ACTOR, { statement, status: "published" });
  if (evidence.length) {
    const source = await makeSource();
    const actor = await makeActor("contributor");
    for (const item of evidence)
      await addEvidence(db(), actor, {
        claimId: claim.id,
        passage: { sourceId: source.id, quote: item.quote },
        stance: item.stance,
      });
  }
  for (const value of values) await castVote(db(), await makeActor("contributor"), { claimId: claim.id, value });
  return claim;
}

describe("the claims index", () => {
  it("keeps evidence counts and vote figures current, and sorts and filters on them", async () => {
    const agreed = await claimWithVotes(
      "Agreed claim",
      [80, 85, 90],
      [{ stance: "supports", quote: "Stalin ordered the murder" }],
    );
    const split = await claimWithVotes(
      "Split claim",
      [5, 10, 90, 95],
      [
        { stance: "supports", quote: "Stalin ordered the murder" },
        { stance: "contradicts", quote: "Nikolaev acted alone" },
      ],
    );
    const doubted = await claimWithVotes("Doubted claim", [10, 20, 25]);
    const unvoted = await claimWithVotes("Claim nobody voted on", []);

    const stored = await db().claim.findUniqueOrThrow({ where: { id: split.id } });
    expect(stored).toMatchObject({
      supportsCount: 1,
      contradictsCount: 1,
      evidenceCount: 2,
      voteCount: 4,
      voteMedian: 50,
      contested: true,
    });
    const figures = async (claim: { id: string }) =>
      db().claim.findUniqueOrThrow({
        where: { id: claim.id },
        select: { supportsCount: true, contradictsCount: true, evidenceCount: true, voteCount: true, voteMedian: true },
      });
    expect(await figures(agreed)).toEqual({
      supportsCount: 1,
      contradictsCount: 0,
      evidenceCount: 1,
      voteCount: 3,
      voteMedian: 85,
    });
    expect(await figures(doubted)).toEqual({
      supportsCount: 0,
      contradictsCount: 0,
      evidenceCount: 0,
      voteCount: 3,
      voteMedian: 20,
    });
    expect(await figures(unvoted)).toEqual({
      supportsCount: 0,
      contradictsCount: 0,
      evidenceCount: 0,
      voteCount: 0,
      voteMedian: null,
    });

    const order = async (sort: string, extra: object = {}) =>
      (await listClaims(db(), null, { sort: sort as never, ...extra })).items.map((claim) => claim.statement);
    expect(await order("confidence_desc")).toEqual([
      "Agreed claim",
      "Split claim",
      "Doubted claim",
      "Claim nobody voted on",
    ]);
    expect(await order("confidence_asc")).toEqual([
      "Doubted claim",
      "Split claim",
      "Agreed claim",
      "Claim nobody voted on",
    ]);
    expect((await order("contested"))[0]).toBe("Split claim");
    expect((await order("least_evidence")).slice(-1)).toEqual(["Split claim"]);
    expect(await order("recent", { contested: "true" })).toEqual(["Split claim"]);
    expect((await order("recent", { noContradicting: true })).sort()).toEqual([
      "Agreed claim",
      "Claim nobody voted on",
      "Doubted claim",
    ]);
    expect(await order("confidence_desc", { minConfidence: 40, maxConfidence: 60 })).toEqual(["Split claim"]);
    await expect(listClaims(db(), null, { minConfidence: 70, maxConfidence: 20 })).rejects.toMatchObject({
      field: "minConfidence",
    });

    // Removing the contradicting evidence through moderation updates the counts in the same transaction.
    const moderator = await makeActor("moderator");
    const contradicting = await db().evidence.findFirstOrThrow({ where: { claimId: split.id, stance: "contradicts" } });
    await editClaim(db(), moderator, {
      claimId: split.id,
      changes: { evidence: [{ evidenceId: contradicting.id, removed: true }] },
    });
    expect(await db().claim.findUniqueOrThrow({ where: { id: split.id } })).toMatchObject({
      contradictsCount: 0,
      evidenceCount: 1,
    });
  });

  it("lists related claims by shared people, most shared first", async () => {
    const stalin = await makePerson("Joseph Stalin");
    const kirov = await makePerson("Sergei Kirov");
    const both = await createClaim(db(), SYSTEM_ACTOR, {
      statement: "Stalin and Kirov were friends",
      status: "published",
      people: [
        { personId: stalin.id, role: "subject" },
        { personId: kirov.id, role: "subject" },
      ],
    });
    await createClaim(db(), SYSTEM_ACTOR, {
      statement: "Kirov was popular",
      status: "published",
      people: [{ personId: kirov.id, role: "subject" }],
    });
    await createClaim(db(), SYSTEM_ACTOR, {
      statement: "Stalin and Kirov quarrelled",
      status: "published",
      people: [
        { personId: stalin.id, role: "subject" },
        { personId: kirov.id, role: "mentioned" },
      ],
    });
    await createClaim(db(), SYSTEM_ACTOR, { statement: "Unrelated claim", status: "published" });
    const related = await listRelatedClaims(db(), null, both.id);
    expect(related.map((claim) => claim.statement)).toEqual(["Stalin and Kirov quarrelled", "Kirov was popular"]);
    // The same when the caller has read the claim's people (the claim page).
    const given = await listRelatedClaims(db(), null, both.id, { personIds: [stalin.id, kirov.id] });
    expect(given.map((claim) => claim.statement)).toEqual(related.map((claim) => claim.statement));
  });

  it("finds an old claim sharing two people among many newer ones naming one, then the newest, never a draft", async () => {
    const stalin = await makePerson("Joseph Stalin");
    const kirov = await makePerson("Sergei Kirov");
    const people = [
      { personId: stalin.id, role: "subject" as const },
      { personId: kirov.id, role: "subject" as const },
    ];
    await createClaim(db(), SYSTEM_ACTOR, { statement: "Stalin and Kirov quarrelled", status: "published", people });
    // More claims naming Stalin alone, each changed later, than related claims are ranked among.
    for (let index = 0; index < 55; index++) {
      await createClaim(db(), SYSTEM_ACTOR, {
        statement: `Stalin decree number ${index}`,
        status: "published",
        people: [people[0]!],
      });
    }
    const author = await makeActor("contributor");
    await createClaim(db(), author, { statement: "Kirov's draft", people: [people[1]!] });
    const claim = await createClaim(db(), SYSTEM_ACTOR, {
      statement: "Stalin and Kirov were friends",
      status: "published",
      people,
    });
    const related = await listRelatedClaims(db(), null, claim.id);
    expect(related.map((item) => item.statement)).toEqual([
      "Stalin and Kirov quarrelled",
      ...[54, 53, 52, 51, 50, 49, 48, 47, 46].map((index) => `Stalin decree number ${index}`),
    ]);
    // Its author sees the draft, which shares one person as the decrees do and changed last.
    expect((await listRelatedClaims(db(), author, claim.id)).map((item) => item.statement).slice(0, 2)).toEqual([
      "Stalin and Kirov quarrelled",
      "Kirov's draft",
    ]);
  });
});

describe("finding passages and people in sources", () => {
  it("searches sentences with the full-text search (case, romanization) on both databases, leaving out the claim's own evidence", async () => {
    const source = await makeSource();
    const hits = await searchPassages(db(), null, { q: "NIKOLAEV alone" });
    expect(hits.map((hit) => hit.text)).toEqual(["Others say Nikolaev acted alone."]);
    expect(hits[0]!.source.citation).toContain(source.title);
    // The same full-text search as /search: another romanization finds the sentence too.
    expect((await searchPassages(db(), null, { q: "Nikolayev alone" })).map((hit) => hit.id)).toEqual([hits[0]!.id]);
    const claim = await createClaim(db(), SYSTEM_ACTOR, { statement: "Nikolaev acted alone", status: "published" });
    await addEvidence(db(), await makeActor("contributor"), {
      claimId: claim.id,
      passage: { passageId: hits[0]!.id },
      stance: "supports",
    });
    expect(await searchPassages(db(), null, { q: "nikolaev alone", excludeClaimId: claim.id })).toEqual([]);
    await expect(searchPassages(db(), null, { q: "x".repeat(201) })).rejects.toMatchObject({ field: "q" });
  });
});
