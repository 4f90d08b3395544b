import { beforeEach, describe, expect, it } from "vitest";
import { createClaim } from "@/lib/claims/mutations";
import { proposeRelation } from "@/lib/claims/relations";
import { editClaim, reviewPendingClaim } from "@/lib/moderation/mutations";
import { countReviewQueue, getSentBackNote, listPendingClaims } from "@/lib/moderation/queries";
import { createQuestion } from "@/lib/questions/mutations";
import { actorOf, makeActor, makeClaim, makeUser } from "../factories";
import { db, resetDatabase, tableSnapshot } from "../helpers";

beforeEach(resetDatabase);

describe("new claims in the review queue", () => {
  it("a contributor's new claim waits in the moderators' queue, counted as the list shows it", async () => {
    const author = actorOf(await makeUser("contributor", { name: "Cora" }));
    const moderator = await makeActor("moderator");
    const first = await createClaim(db(), author, { statement: "Medved was Kirov's close friend." });
    const second = await createClaim(db(), author, { statement: "Borisov died in a staged accident." });
    await makeClaim({ statement: "A published claim stays out of the queue." });
    const pending = await listPendingClaims(db(), moderator);
    expect(pending.map((claim) => claim.id)).toEqual([first.id, second.id]);
    expect(pending[0]).toMatchObject({ statement: "Medved was Kirov's close friend.", author: { name: "Cora" } });
    await proposeRelation(db(), author, { claimId: first.id, otherClaimId: second.id, kind: "contradicts" });
    expect(await countReviewQueue(db(), moderator)).toEqual({
      claims: 2,
      proposals: 0,
      relations: 1,
      citations: 0,
      suggestedPeople: 0,
      ambiguousMentions: 0,
      questions: 0,
      total: 3,
    });
    // A contributor's question waits too, with the claim proposed in it.
    await createQuestion(db(), author, { title: "Was Borisov's death staged?", claimIds: [second.id] });
    expect(await countReviewQueue(db(), moderator)).toMatchObject({ questions: 2, total: 5 });
    // Members who do not review get no count and no list.
    expect(await countReviewQueue(db(), author)).toBeNull();
    expect(await countReviewQueue(db(), null)).toBeNull();
    await expect(listPendingClaims(db(), author)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("publishing makes the claim public and takes it out of the queue, with a revision in its history", async () => {
    const author = actorOf(await makeUser("contributor"));
    const moderator = await makeActor("moderator");
    const claim = await createClaim(db(), author, { statement: "Zaporozhets was away on the day of the murder." });
    await reviewPendingClaim(db(), moderator, { claimId: claim.slug, decision: "publish" });
    const stored = await db().claim.findUniqueOrThrow({ where: { id: claim.id } });
    expect(stored.status).toBe("published");
    expect(await listPendingClaims(db(), moderator)).toEqual([]);
    const revisions = await db().revision.findMany({ where: { claimId: claim.id }, orderBy: { createdAt: "asc" } });
    expect(JSON.parse(revisions.at(-1)!.after)).toMatchObject({ status: "published" });
  });

  it("sending back needs a reason, returns the claim to its author as a draft, and shows them why", async () => {
    const author = actorOf(await makeUser("contributor"));
    const moderator = actorOf(await makeUser("moderator", { name: "Mo" }));
    const claim = await createClaim(db(), author, { statement: "Nikolaev was paid by the NKVD." });
    const before = await tableSnapshot();
    await expect(
      reviewPendingClaim(db(), moderator, { claimId: claim.id, decision: "send_back" }),
    ).rejects.toMatchObject({ code: "INVALID", field: "reason" });
    await expect(
      reviewPendingClaim(db(), moderator, { claimId: claim.id, decision: "send_back", reason: "  " }),
    ).rejects.toMatchObject({ code: "INVALID", field: "reason" });
    await expect(reviewPendingClaim(db(), moderator, { claimId: claim.id, decision: "delete" })).rejects.toMatchObject({
      code: "INVALID",
    });
    expect(await tableSnapshot()).toEqual(before);

    await reviewPendingClaim(db(), moderator, {
      claimId: claim.id,
      decision: "send_back",
      reason: "Which source says so? Cite it first.",
    });
    expect((await db().claim.findUniqueOrThrow({ where: { id: claim.id } })).status).toBe("draft");
    expect(await getSentBackNote(db(), claim.id)).toMatchObject({
      reason: "Which source says so? Cite it first.",
      by: "Mo",
    });
    // Resubmitted, it is no longer "sent back".
    await editClaim(db(), moderator, { claimId: claim.id, changes: { status: "pending_review" } });
    expect(await getSentBackNote(db(), claim.id)).toBeNull();
  });

  it("a claim that no longer waits (published, unknown) is refused with the field named, writing nothing", async () => {
    const moderator = await makeActor("moderator");
    const published = await makeClaim();
    const before = await tableSnapshot();
    await expect(
      reviewPendingClaim(db(), moderator, { claimId: published.id, decision: "publish" }),
    ).rejects.toMatchObject({ code: "CONFLICT", field: "claimId" });
    await expect(
      reviewPendingClaim(db(), moderator, { claimId: "no-such-claim", decision: "publish" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", field: "claimId" });
    await expect(
      reviewPendingClaim(db(), moderator, { claimId: "x".repeat(500), decision: "publish" }),
    ).rejects.toMatchObject({ code: "INVALID", field: "claimId" });
    expect(await tableSnapshot()).toEqual(before);
  });
});
