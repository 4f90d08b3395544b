import { beforeEach, describe, expect, it } from "vitest";
import { createClaim } from "@/lib/claims/mutations";
import { getClaim } from "@/lib/claims/queries";
import { addEvidence } from "@/lib/evidence/mutations";
import { approveRevision, editClaim, rejectRevision, revertClaim, setClaimLock } from "@/lib/moderation/mutations";
import { getClaimHistory, listMyProposals, listReviewQueue } from "@/lib/moderation/queries";
import { castVote } from "@/lib/votes/mutations";
import { makeActor, makePerson, makeSource } from "../factories";
import { db, resetDatabase, tableSnapshot } from "../helpers";

beforeEach(resetDatabase);

async function publishedClaim(statement = "Stalin ordered Kirov's murder") {
  const moderator = await makeActor("moderator");
  const stalin = await makePerson("Joseph Stalin");
  const claim = await createClaim(db(), moderator, { statement, people: [{ personId: stalin.id, role: "subject" }] });
  const source = await makeSource();
  const evidence = await addEvidence(db(), moderator, {
    claimId: claim.id,
    passage: { sourceId: source.id, quote: "Some historians hold that Stalin ordered the murder." },
    stance: "supports",
  });
  return { claim, moderator, stalin, evidence };
}

describe("moderated editing", () => {
  it("a contributor's edit to a published claim waits for review; approval applies it once, in the history", async () => {
    const { claim, moderator } = await publishedClaim();
    const contributor = await makeActor("contributor");
    const proposal = await editClaim(db(), contributor, {
      claimId: claim.id,
      changes: { statement: "Stalin ordered the murder of Kirov" },
      reason: "Plainer.",
    });
    expect(proposal).toMatchObject({ applied: false, status: "pending" });
    expect((await getClaim(db(), null, { claimId: claim.id })).statement).toBe("Stalin ordered Kirov's murder");

    const queue = await listReviewQueue(db(), moderator);
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({ id: proposal.revisionId, stale: false, reason: "Plainer." });
    expect(queue[0]!.changes[0]).toMatchObject({
      label: "Statement",
      before: "Stalin ordered Kirov's murder",
      after: "Stalin ordered the murder of Kirov",
    });

    const before = await db().claim.findUniqueOrThrow({ where: { id: claim.id } });
    await approveRevision(db(), moderator, { revisionId: proposal.revisionId, note: "Agreed." });
    const after = await db().claim.findUniqueOrThrow({ where: { id: claim.id } });
    expect(after.statement).toBe("Stalin ordered the murder of Kirov");
    expect(after.statementNormalized).toBe("stalin ordered the murder of kirov");
    expect(after.version).toBe(before.version + 1);

    const history = await getClaimHistory(db(), null, { claimId: claim.id });
    expect(history.revisions.map((revision) => `${revision.action}:${revision.status}`)).toEqual([
      "claim.edit:approved",
      "evidence.add:approved",
      "claim.create:approved",
    ]);
    expect(await db().auditEvent.count({ where: { action: "revision.approve", entityId: proposal.revisionId } })).toBe(
      1,
    );
  });

  it("a rejection records a reason the proposer sees, and changes nothing", async () => {
    const { claim, moderator } = await publishedClaim();
    const contributor = await makeActor("contributor");
    const proposal = await editClaim(db(), contributor, {
      claimId: claim.id,
      changes: { statement: "Stalin certainly ordered it" },
    });
    await expect(
      rejectRevision(db(), moderator, { revisionId: proposal.revisionId, reason: "" }),
    ).rejects.toMatchObject({ code: "INVALID", field: "reason" });
    await rejectRevision(db(), moderator, { revisionId: proposal.revisionId, reason: "Overstates the evidence." });
    expect((await getClaim(db(), null, { claimId: claim.id })).statement).toBe("Stalin ordered Kirov's murder");
    const mine = await listMyProposals(db(), contributor);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ status: "rejected", reviewNote: "Overstates the evidence." });
    // Anonymous readers see applied history only.
    expect(
      (await getClaimHistory(db(), null, { claimId: claim.id })).revisions.every(
        (revision) => revision.status === "approved",
      ),
    ).toBe(true);
  });

  it("two moderators approving the same proposal at once: exactly one succeeds and the change is applied once", async () => {
    const { claim } = await publishedClaim();
    const contributor = await makeActor("contributor");
    const [first, second] = [await makeActor("moderator"), await makeActor("admin")];
    const proposal = await editClaim(db(), contributor, {
      claimId: claim.id,
      changes: { statement: "Stalin ordered the murder of Kirov" },
    });
    const version = (await db().claim.findUniqueOrThrow({ where: { id: claim.id } })).version;
    const results = await Promise.allSettled([
      approveRevision(db(), first, { revisionId: proposal.revisionId }),
      approveRevision(db(), second, { revisionId: proposal.revisionId }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((result) => result.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: "CONFLICT" });
    expect((await db().claim.findUniqueOrThrow({ where: { id: claim.id } })).version).toBe(version + 1);
    expect(await db().auditEvent.count({ where: { action: "revision.approve" } })).toBe(1);
  });

  it("a proposal whose values changed since it was made is flagged stale and not applied", async () => {
    const { claim, moderator } = await publishedClaim();
    const contributor = await makeActor("contributor");
    const proposal = await editClaim(db(), contributor, {
      claimId: claim.id,
      changes: { statement: "Stalin had Kirov killed" },
    });
    await editClaim(db(), moderator, {
      claimId: claim.id,
      changes: { statement: "Stalin ordered the killing of Kirov" },
    });
    expect((await listReviewQueue(db(), moderator))[0]).toMatchObject({ id: proposal.revisionId, stale: true });
    const before = await tableSnapshot();
    await expect(approveRevision(db(), moderator, { revisionId: proposal.revisionId })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/stale/),
    });
    expect(await tableSnapshot()).toEqual(before);
    expect((await getClaim(db(), null, { claimId: claim.id })).statement).toBe("Stalin ordered the killing of Kirov");
  });

  it("a proposal about other fields still applies after an unrelated change", async () => {
    const { claim, moderator, evidence } = await publishedClaim();
    const contributor = await makeActor("contributor");
    const proposal = await editClaim(db(), contributor, {
      claimId: claim.id,
      changes: {
        evidence: [{ evidenceId: evidence.id, stance: "context", note: "Only says some historians hold it." }],
      },
    });
    await editClaim(db(), moderator, {
      claimId: claim.id,
      changes: { statement: "Stalin ordered the killing of Kirov" },
    });
    await approveRevision(db(), moderator, { revisionId: proposal.revisionId });
    const detail = await getClaim(db(), null, { claimId: claim.id });
    expect(detail.evidence[0]).toMatchObject({ stance: "context", note: "Only says some historians hold it." });
  });

  it("a moderator edits directly, can revert to any earlier revision, and the revert is a new revision", async () => {
    const { claim, moderator, evidence } = await publishedClaim();
    const kirov = await makePerson("Sergei Kirov");
    const history0 = await getClaimHistory(db(), moderator, { claimId: claim.id });
    const afterEvidence = history0.revisions[0]!; // evidence.add
    await editClaim(db(), moderator, {
      claimId: claim.id,
      changes: {
        statement: "Stalin had Kirov killed",
        people: [{ personId: kirov.id, role: "subject" }],
        evidence: [{ evidenceId: evidence.id, removed: true }],
      },
    });
    let detail = await getClaim(db(), null, { claimId: claim.id });
    expect(detail.evidence).toHaveLength(0);
    expect(detail.people.map((person) => person.name)).toEqual(["Sergei Kirov"]);

    await revertClaim(db(), moderator, {
      claimId: claim.id,
      revisionId: afterEvidence.id,
      reason: "The evidence was wrong",
    });
    detail = await getClaim(db(), null, { claimId: claim.id });
    expect(detail.statement).toBe("Stalin ordered Kirov's murder");
    expect(detail.people.map((person) => person.name)).toEqual(["Joseph Stalin"]);
    expect(detail.evidence.map((item) => item.id)).toEqual([evidence.id]);
    const history = await getClaimHistory(db(), null, { claimId: claim.id });
    expect(history.revisions[0]).toMatchObject({ action: "claim.revert", status: "approved" });
    // Named as people read it, with the moderator's reason; never a revision id.
    expect(history.revisions[0]!.reason).toMatch(
      /^Restored the version of \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d UTC(, before .+'s change)?: The evidence was wrong$/,
    );
    await expect(
      revertClaim(db(), moderator, {
        claimId: claim.id,
        revisionId: afterEvidence.id,
        reason: "The evidence was wrong",
      }),
    ).rejects.toMatchObject({ code: "INVALID" });
  });

  it("locked claims take votes but no proposals, edits or evidence", async () => {
    const { claim, moderator } = await publishedClaim();
    const contributor = await makeActor("contributor");
    await setClaimLock(db(), moderator, { claimId: claim.id, locked: true });
    const before = await tableSnapshot();
    await expect(
      editClaim(db(), contributor, { claimId: claim.id, changes: { statement: "Something else entirely" } }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      editClaim(db(), moderator, { claimId: claim.id, changes: { statement: "Something else entirely" } }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await tableSnapshot()).toEqual(before);
    await expect(castVote(db(), contributor, { claimId: claim.id, value: 60 })).resolves.toMatchObject({ value: 60 });
    await setClaimLock(db(), moderator, { claimId: claim.id, locked: false });
    await expect(
      editClaim(db(), contributor, { claimId: claim.id, changes: { statement: "Something else entirely" } }),
    ).resolves.toMatchObject({ applied: false });
  });

  it("a contributor edits their own unpublished claim directly, but only proposes on someone else's", async () => {
    const author = await makeActor("contributor");
    const other = await makeActor("contributor");
    const own = await createClaim(db(), author, { statement: "Nikolaev acted alone" });
    expect(own.status).toBe("pending_review");
    await expect(
      editClaim(db(), author, { claimId: own.id, changes: { statement: "Nikolaev acted entirely alone" } }),
    ).resolves.toMatchObject({ applied: true });
    await expect(editClaim(db(), author, { claimId: own.id, changes: { status: "published" } })).rejects.toMatchObject({
      code: "FORBIDDEN",
      field: "status",
    });
    // Another contributor cannot even see the pending claim.
    await expect(
      editClaim(db(), other, { claimId: own.id, changes: { statement: "Changed by someone else" } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it.each([
    ["no change at all", { statement: "Stalin ordered Kirov's murder" }, "changes"],
    ["an overlong statement", { statement: "x".repeat(501) }, "changes.statement"],
    ["an unknown person", { people: [{ personId: "nobody", role: "subject" }] }, "people"],
    ["evidence of another claim", { evidence: [{ evidenceId: "not-this-claims", stance: "context" }] }, "evidence"],
    ["an unknown field", { title: "x" }, "changes"],
    ["a wrong type", { statement: 42 }, "changes.statement"],
  ] as const)("refuses %s and writes nothing", async (_name, changes, field) => {
    const { claim } = await publishedClaim();
    const contributor = await makeActor("contributor");
    const before = await tableSnapshot();
    await expect(editClaim(db(), contributor, { claimId: claim.id, changes: changes as never })).rejects.toMatchObject({
      code: "INVALID",
      field,
    });
    expect(await tableSnapshot()).toEqual(before);
  });

  it("refuses an edit made against an older version", async () => {
    const { claim, moderator } = await publishedClaim();
    const version = (await db().claim.findUniqueOrThrow({ where: { id: claim.id } })).version;
    await editClaim(db(), moderator, {
      claimId: claim.id,
      baseVersion: version,
      changes: { statement: "First edit of the claim" },
    });
    await expect(
      editClaim(db(), moderator, {
        claimId: claim.id,
        baseVersion: version,
        changes: { statement: "Second edit, made blind" },
      }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      field: "baseVersion",
    });
  });
});
