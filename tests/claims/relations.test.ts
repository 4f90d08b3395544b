// Relations between claims: proposed, confirmed or rejected by moderators, shown on both claims,
// and bringing evidence across into the suggestions.
import { beforeEach, describe, expect, it } from "vitest";
import { POST as proposeRoute, GET as relationsRoute } from "@/app/api/claims/[claimId]/relations/route";
import { listClaimRelations, listPendingRelations, proposeRelation, reviewRelation } from "@/lib/claims/relations";
import { suggestEvidence } from "@/lib/claims/suggestions";
import { addEvidence } from "@/lib/evidence/mutations";
import { makeActor, makeClaim, makePerson, makeSource } from "../factories";
import { db, resetDatabase, tableSnapshot } from "../helpers";

beforeEach(resetDatabase);

describe("relations between claims", () => {
  it("a contributor proposes, a moderator confirms, and both claims show it; a second decision conflicts", async () => {
    const contributor = await makeActor("contributor");
    const moderator = await makeActor("moderator");
    const ordered = await makeClaim({ statement: "Stalin ordered Kirov's murder" });
    const alone = await makeClaim({ statement: "Nikolaev acted alone" });
    const proposed = await proposeRelation(db(), contributor, {
      claimId: ordered.slug,
      otherClaimId: alone.slug,
      kind: "contradicts",
      note: "Only one of them can be true",
    });
    expect(proposed.status).toBe("pending");
    // Anonymous readers see no pending relation; the proposer and moderators do.
    expect(await listClaimRelations(db(), null, { claimId: ordered.id })).toEqual([]);
    expect((await listClaimRelations(db(), contributor, { claimId: ordered.id }))[0]).toMatchObject({
      status: "pending",
      canReview: false,
    });
    expect((await listPendingRelations(db(), moderator)).map((item) => item.id)).toEqual([proposed.relationId]);

    await reviewRelation(db(), moderator, { relationId: proposed.relationId, decision: "confirm" });
    for (const [claim, other] of [
      [ordered, alone],
      [alone, ordered],
    ] as const) {
      expect(await listClaimRelations(db(), null, { claimId: claim.id })).toEqual([
        expect.objectContaining({
          kind: "contradicts",
          label: "Contradicts",
          status: "confirmed",
          other: expect.objectContaining({ id: other.id }),
        }),
      ]);
    }
    const before = await tableSnapshot();
    await expect(
      reviewRelation(db(), moderator, { relationId: proposed.relationId, decision: "reject" }),
    ).rejects.toMatchObject({ code: "CONFLICT", field: "relationId" });
    // Proposing the same relation again, from either side, is a conflict too.
    await expect(
      proposeRelation(db(), contributor, { claimId: alone.id, otherClaimId: ordered.id, kind: "contradicts" }),
    ).rejects.toMatchObject({ code: "CONFLICT", field: "kind" });
    expect(await tableSnapshot()).toEqual(before);
  });

  it("reads an implication in both directions and refuses bad input without writing", async () => {
    const moderator = await makeActor("moderator");
    const ordered = await makeClaim({ statement: "Stalin ordered Kirov's murder" });
    const knew = await makeClaim({ statement: "Stalin knew of the plot against Kirov" });
    expect(
      await proposeRelation(db(), moderator, { claimId: ordered.id, otherClaimId: knew.id, kind: "implies" }),
    ).toMatchObject({ status: "confirmed" });
    expect((await listClaimRelations(db(), null, { claimId: ordered.id }))[0]!.label).toBe("Implies");
    expect((await listClaimRelations(db(), null, { claimId: knew.id }))[0]!.label).toBe("Is implied by");
    const before = await tableSnapshot();
    await expect(
      proposeRelation(db(), moderator, { claimId: ordered.id, otherClaimId: ordered.slug, kind: "implies" }),
    ).rejects.toMatchObject({ code: "INVALID", field: "otherClaimId" });
    await expect(
      proposeRelation(db(), moderator, { claimId: ordered.id, otherClaimId: knew.id, kind: "causes" }),
    ).rejects.toMatchObject({ code: "INVALID", field: "kind" });
    await expect(
      proposeRelation(db(), moderator, { claimId: ordered.id, otherClaimId: "no-such-claim", kind: "implies" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", field: "otherClaimId" });
    expect(await tableSnapshot()).toEqual(before);
  });

  it("offers evidence supporting a contradicting claim as contradicting, with the confirmed relation as the reason", async () => {
    const moderator = await makeActor("moderator");
    await makePerson("Leonid Nikolaev", ["Nikolaev"]);
    const source = await makeSource("The court found that the shot was fired on the orders of no one.");
    // Passages sharing the claim's words, which would outrank it by words alone.
    await makeSource(
      [
        "The Politburo commissioned the shooting of the film in 1934.",
        "The shooting was commissioned by the Politburo's film committee.",
      ].join("\n\n"),
    );
    // No person in common, and wording far apart: only the confirmed relation ties them.
    const ordered = await makeClaim({ statement: "The Politburo commissioned the shooting" });
    const alone = await makeClaim({ statement: "Nikolaev acted alone" });
    await addEvidence(db(), moderator, {
      claimId: alone.id,
      passage: { sourceId: source.id, quote: "the shot was fired on the orders of no one" },
      stance: "supports",
    });
    expect(
      (await suggestEvidence(db(), moderator, { claimId: ordered.id })).some((item) => item.reasons.citedOn.length > 0),
    ).toBe(false);
    await proposeRelation(db(), moderator, { claimId: ordered.id, otherClaimId: alone.id, kind: "contradicts" });
    const suggestions = await suggestEvidence(db(), moderator, { claimId: ordered.id });
    const carried = suggestions.find((item) => item.reasons.citedOn.length > 0);
    // A person judged it to bear on the question: it comes before every passage found by its words.
    expect(suggestions[0]).toBe(carried);
    expect(suggestions.length).toBeGreaterThan(1);
    expect(carried).toMatchObject({
      suggestedStance: "contradicts",
      stanceReason: "cited as supporting on a claim this one contradicts (confirmed) “Nikolaev acted alone”",
    });
  });

  it("keeps every passage cited on a confirmed related claim before those found by words, however many", async () => {
    const moderator = await makeActor("moderator");
    await makePerson("Leonid Nikolaev", ["Nikolaev"]);
    const judged = [
      "The court found that the shot was fired on the orders of no one.",
      "No order was ever given to him.",
      "He had told nobody of his plan.",
      "He bought the revolver with his own money.",
    ];
    const source = await makeSource(judged.join("\n\n"));
    await makeSource(
      [
        "The Politburo commissioned the shooting of the film in 1934.",
        "The shooting was commissioned by the Politburo's film committee.",
        "The Politburo commissioned a new shooting schedule.",
      ].join("\n\n"),
    );
    const ordered = await makeClaim({ statement: "The Politburo commissioned the shooting" });
    const alone = await makeClaim({ statement: "Nikolaev acted alone" });
    for (const quote of judged) {
      await addEvidence(db(), moderator, {
        claimId: alone.id,
        passage: { sourceId: source.id, quote },
        stance: "supports",
      });
    }
    await proposeRelation(db(), moderator, { claimId: ordered.id, otherClaimId: alone.id, kind: "contradicts" });
    const suggestions = await suggestEvidence(db(), moderator, { claimId: ordered.id });
    // Ranked by reciprocal rank alone, the passage first by its words would come before the fourth of them.
    expect(
      suggestions
        .slice(0, judged.length)
        .map((item) => item.passage.text)
        .sort(),
    ).toEqual([...judged].sort());
    expect(suggestions.slice(judged.length).every((item) => item.reasons.citedOn.length === 0)).toBe(true);
    expect(suggestions.length).toBeGreaterThan(judged.length);
  });

  it("is served at GET and POST /api/claims/{id}/relations", async () => {
    const ordered = await makeClaim({ statement: "Stalin ordered Kirov's murder" });
    const params = { params: Promise.resolve({ claimId: ordered.slug }) };
    const anonymous = await proposeRoute(
      new Request("http://localhost/api/claims/x/relations", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ otherClaimId: "x", kind: "implies" }),
      }),
      params,
    );
    expect(anonymous.status).toBe(401);
    const listed = await relationsRoute(new Request("http://localhost/api/claims/x/relations"), params);
    expect(listed.status).toBe(200);
    expect(await listed.json()).toEqual({ items: [] });
  });
});

describe("relations: bad and hostile input", () => {
  it("refuses huge notes, unknown ids and claims the member cannot see, and keeps markup as text", async () => {
    const contributor = await makeActor("contributor");
    const other = await makeActor("contributor");
    const moderator = await makeActor("moderator");
    const ordered = await makeClaim({ statement: "Stalin ordered Kirov's murder" });
    const alone = await makeClaim({ statement: "Nikolaev acted alone" });
    const draft = await makeClaim({
      statement: "Someone else's unpublished claim",
      status: "draft",
      authorId: other.id!,
    });
    const before = await tableSnapshot();
    const refused = async (input: Record<string, unknown>, actor = contributor) =>
      proposeRelation(db(), actor, input).then(
        () => "accepted",
        (error: { code: string; field?: string }) => `${error.code} ${error.field}`,
      );
    expect(
      await refused({ claimId: ordered.id, otherClaimId: alone.id, kind: "implies", note: "x".repeat(1001) }),
    ).toBe("INVALID note");
    expect(await refused({ claimId: ordered.id, otherClaimId: "", kind: "implies" })).toBe("INVALID otherClaimId");
    expect(await refused({ claimId: ordered.id, otherClaimId: "y".repeat(5000), kind: "implies" })).toBe(
      "INVALID otherClaimId",
    );
    expect(await refused({ claimId: ordered.id, otherClaimId: draft.id, kind: "implies" })).toBe(
      "NOT_FOUND otherClaimId",
    );
    expect(await refused({ claimId: ordered.id, otherClaimId: alone.id, kind: ["implies"] })).toBe("INVALID kind");
    await expect(
      reviewRelation(db(), moderator, { relationId: "no-such-relation", decision: "confirm" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", field: "relationId" });
    await expect(reviewRelation(db(), moderator, { relationId: "x", decision: "maybe" })).rejects.toMatchObject({
      code: "INVALID",
      field: "decision",
    });
    expect(await tableSnapshot()).toEqual(before);

    // Markup in a note is stored and returned as the text it is (pages render it escaped).
    const script = "<script>alert(1)</script> <b>bold</b>";
    const proposed = await proposeRelation(db(), contributor, {
      claimId: ordered.id,
      otherClaimId: alone.id,
      kind: "implies",
      note: script,
    });
    expect((await listClaimRelations(db(), contributor, { claimId: ordered.id }))[0]!.note).toBe(script);
    // Another member does not see someone else's pending proposal; anonymous readers see none.
    expect(await listClaimRelations(db(), other, { claimId: ordered.id })).toEqual([]);
    expect(await listClaimRelations(db(), null, { claimId: ordered.id })).toEqual([]);
    // A contributor cannot review, even their own proposal, and nothing changes.
    const afterProposal = await tableSnapshot();
    await expect(
      reviewRelation(db(), contributor, { relationId: proposed.relationId, decision: "confirm" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await tableSnapshot()).toEqual(afterProposal);
  });
});
