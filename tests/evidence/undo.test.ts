// Taking a citation back (lib/evidence/mutations.ts: undoCitation), the notice that offers it
// (lib/evidence/notices.ts), and removal with its undo through a claim edit.
import { beforeEach, describe, expect, it } from "vitest";
import { addEvidence, undoCitation } from "@/lib/evidence/mutations";
import { getEvidenceNotice, parseEvidenceNotice } from "@/lib/evidence/notices";
import { CITATION_UNDO_MINUTES, citationUndoDenial } from "@/lib/evidence/policy";
import { editClaim, setClaimLock } from "@/lib/moderation/mutations";
import type { Actor } from "@/lib/permissions";
import { rateEvidence } from "@/lib/ratings/mutations";
import { castVote } from "@/lib/votes/mutations";
import { makeActor, makeClaim, makeSource, SYSTEM_ACTOR } from "../factories";
import { db, resetDatabase, tableSnapshot } from "../helpers";

beforeEach(resetDatabase);

async function cited(actor: Actor, stance: "supports" | "contradicts" = "contradicts") {
  const source = await makeSource();
  const claim = await makeClaim();
  const evidence = await addEvidence(db(), actor, {
    claimId: claim.id,
    passage: { sourceId: source.id, quote: "Others say Nikolaev acted alone." },
    stance,
  });
  return { source, claim, evidence };
}

const counts = (claimId: string) =>
  db().claim.findUniqueOrThrow({
    where: { id: claimId },
    select: { supportsCount: true, contradictsCount: true, contradictsLines: true },
  });

describe("undoCitation", () => {
  it("removes the member's own citation, recounts the claim and records the undo in its history", async () => {
    const member = await makeActor("contributor");
    const { claim, evidence } = await cited(member);
    expect(await counts(claim.id)).toMatchObject({ contradictsCount: 1, contradictsLines: 1 });

    await expect(undoCitation(db(), member, { evidenceId: evidence.id })).resolves.toMatchObject({
      id: evidence.id,
      removed: true,
    });

    const row = await db().evidence.findUniqueOrThrow({ where: { id: evidence.id } });
    expect(row.removedAt).not.toBeNull();
    expect(await counts(claim.id)).toMatchObject({ contradictsCount: 0, contradictsLines: 0 });
    const revision = await db().revision.findFirstOrThrow({
      where: { claimId: claim.id, action: "evidence.undo" },
    });
    expect(revision).toMatchObject({ status: "approved", proposerId: member.id });
    expect(JSON.parse(revision.after!)).toMatchObject({ evidence: [{ id: evidence.id, removed: true }] });
    expect(
      await db().auditEvent.count({ where: { action: "evidence.undo", entityId: evidence.id, actorId: member.id } }),
    ).toBe(1);
  });

  it("lets the passage be cited again, on either side, as a fresh citation", async () => {
    const member = await makeActor("contributor");
    const { claim, source, evidence } = await cited(member, "contradicts");
    await undoCitation(db(), member, { evidenceId: evidence.id });

    const again = await addEvidence(db(), member, {
      claimId: claim.id,
      passage: { sourceId: source.id, quote: "Others say Nikolaev acted alone." },
      stance: "supports",
    });
    expect(again.id).toBe(evidence.id);
    const row = await db().evidence.findUniqueOrThrow({ where: { id: evidence.id } });
    expect(row).toMatchObject({ removedAt: null, stance: "supports", addedById: member.id });
    expect(await counts(claim.id)).toMatchObject({ supportsCount: 1, contradictsCount: 0 });
    // ... and undone once more.
    await undoCitation(db(), member, { evidenceId: evidence.id });
    expect(await counts(claim.id)).toMatchObject({ supportsCount: 0 });
  });

  it("does not bring back evidence a moderator removed by an edit: that takes a revert", async () => {
    const member = await makeActor("contributor");
    const moderator = await makeActor("moderator");
    const { claim, source, evidence } = await cited(member);
    await editClaim(db(), moderator, {
      claimId: claim.id,
      changes: { evidence: [{ evidenceId: evidence.id, removed: true }] },
    });
    const before = await tableSnapshot();
    await expect(
      addEvidence(db(), member, {
        claimId: claim.id,
        passage: { sourceId: source.id, quote: "Others say Nikolaev acted alone." },
        stance: "contradicts",
      }),
    ).rejects.toMatchObject({ code: "CONFLICT", field: "passage" });
    expect(await tableSnapshot()).toEqual(before);
  });

  it.each([
    ["another contributor", "contributor", "FORBIDDEN"],
    ["a moderator who did not cite it", "moderator", "FORBIDDEN"],
  ] as const)("refuses %s and changes nothing", async (_name, role, code) => {
    const member = await makeActor("contributor");
    const { evidence } = await cited(member);
    const other = await makeActor(role);
    const before = await tableSnapshot();
    await expect(undoCitation(db(), other, { evidenceId: evidence.id })).rejects.toMatchObject({
      code,
      field: "evidenceId",
    });
    expect(await tableSnapshot()).toEqual(before);
  });

  it("refuses after the undo window, twice, on a locked claim, and for unknown evidence", async () => {
    const member = await makeActor("contributor");
    const { claim, evidence } = await cited(member);
    const moderator = await makeActor("moderator");

    await setClaimLock(db(), moderator, { claimId: claim.id, locked: true });
    let before = await tableSnapshot();
    await expect(undoCitation(db(), member, { evidenceId: evidence.id })).rejects.toMatchObject({
      code: "CONFLICT",
      field: "evidenceId",
    });
    expect(await tableSnapshot()).toEqual(before);
    await setClaimLock(db(), moderator, { claimId: claim.id, locked: false });

    await expect(undoCitation(db(), member, { evidenceId: "no-such-evidence" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      field: "evidenceId",
    });
    for (const evidenceId of ["", "x".repeat(10_000), 42, null]) {
      await expect(undoCitation(db(), member, { evidenceId })).rejects.toMatchObject({
        code: "INVALID",
        field: "evidenceId",
      });
    }
    await expect(undoCitation(db(), member, { evidenceId: "<script>alert(1)</script>" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      field: "evidenceId",
    });

    await db().evidence.update({
      where: { id: evidence.id },
      data: { createdAt: new Date(Date.now() - (CITATION_UNDO_MINUTES + 1) * 60_000) },
    });
    before = await tableSnapshot();
    await expect(undoCitation(db(), member, { evidenceId: evidence.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining(`${CITATION_UNDO_MINUTES} minutes`),
    });
    expect(await tableSnapshot()).toEqual(before);

    await db().evidence.update({ where: { id: evidence.id }, data: { createdAt: new Date() } });
    await undoCitation(db(), member, { evidenceId: evidence.id });
    before = await tableSnapshot();
    await expect(undoCitation(db(), member, { evidenceId: evidence.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("already removed"),
    });
    expect(await tableSnapshot()).toEqual(before);
  });

  it("refuses once others have built on the citation: a rating, a vote naming it, an edit", async () => {
    const member = await makeActor("contributor");
    const moderator = await makeActor("moderator");
    const voter = await makeActor("contributor");

    const rated = await cited(member);
    await rateEvidence(db(), moderator, { evidenceId: rated.evidence.id, grade: 3, reason: "One account only" });
    const named = await cited(member);
    await castVote(db(), voter, { claimId: named.claim.id, value: 20, evidenceIds: [named.evidence.id] });
    const edited = await cited(member);
    await editClaim(db(), moderator, {
      claimId: edited.claim.id,
      changes: { evidence: [{ evidenceId: edited.evidence.id, note: "Checked against the court record." }] },
    });
    // An edit a second or more after the citation (a moderator's, here made in the same second).
    await db().evidence.update({
      where: { id: edited.evidence.id },
      data: { createdAt: new Date(Date.now() - 5_000) },
    });

    for (const { evidence } of [rated, named, edited]) {
      const before = await tableSnapshot();
      await expect(undoCitation(db(), member, { evidenceId: evidence.id })).rejects.toMatchObject({
        code: "CONFLICT",
        message: expect.stringContaining("since it was made"),
      });
      expect(await tableSnapshot()).toEqual(before);
      expect(
        await getEvidenceNotice(
          db(),
          member,
          (await db().evidence.findUniqueOrThrow({ where: { id: evidence.id } })).claimId,
          `cited:${evidence.id}`,
        ),
      ).toMatchObject({ undo: null });
    }
  });

  it("an undone citation a moderator restored and then removed by an edit stays removed", async () => {
    const member = await makeActor("contributor");
    const moderator = await makeActor("moderator");
    const { claim, source, evidence } = await cited(member);
    await undoCitation(db(), member, { evidenceId: evidence.id });
    const change = (removed: boolean) =>
      editClaim(db(), moderator, { claimId: claim.id, changes: { evidence: [{ evidenceId: evidence.id, removed }] } });
    await change(false);
    await change(true);
    await expect(
      addEvidence(db(), member, {
        claimId: claim.id,
        passage: { sourceId: source.id, quote: "Others say Nikolaev acted alone." },
        stance: "supports",
      }),
    ).rejects.toMatchObject({ code: "CONFLICT", field: "passage" });
  });

  it("two members citing an undone passage at once: one brings it back, the other is told", async () => {
    const member = await makeActor("contributor");
    const other = await makeActor("contributor");
    const { claim, source, evidence } = await cited(member);
    await undoCitation(db(), member, { evidenceId: evidence.id });
    const cite = (actor: Actor, stance: "supports" | "contradicts") =>
      addEvidence(db(), actor, {
        claimId: claim.id,
        passage: { sourceId: source.id, quote: "Others say Nikolaev acted alone." },
        stance,
      });
    const outcomes = await Promise.allSettled([cite(member, "supports"), cite(other, "contradicts")]);
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    expect(outcomes.find((outcome) => outcome.status === "rejected")).toMatchObject({ reason: { code: "CONFLICT" } });
    const row = await db().evidence.findUniqueOrThrow({ where: { id: evidence.id } });
    const winner = outcomes[0]!.status === "fulfilled" ? member : other;
    expect(row).toMatchObject({ removedAt: null, addedById: winner.id });
  });

  it("two undos at once: one wins, the other is told it is done", async () => {
    const member = await makeActor("contributor");
    const { claim, evidence } = await cited(member);
    const outcomes = await Promise.allSettled([
      undoCitation(db(), member, { evidenceId: evidence.id }),
      undoCitation(db(), member, { evidenceId: evidence.id }),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    expect(outcomes.find((outcome) => outcome.status === "rejected")).toMatchObject({
      reason: { code: "CONFLICT" },
    });
    expect(await db().revision.count({ where: { claimId: claim.id, action: "evidence.undo" } })).toBe(1);
  });
});

describe("citationUndoDenial", () => {
  const now = new Date("2026-01-01T12:00:00Z");
  const member = { kind: "user", id: "u1", role: "contributor" } as Actor;
  const evidence = (minutesAgo: number, removed = false) => ({
    addedById: "u1",
    createdAt: new Date(now.getTime() - minutesAgo * 60_000),
    removedAt: removed ? now : null,
  });
  it("allows the author within the window, to the minute", () => {
    expect(citationUndoDenial(member, evidence(0), now)).toBeNull();
    expect(citationUndoDenial(member, evidence(CITATION_UNDO_MINUTES), now)).toBeNull();
    expect(citationUndoDenial(member, evidence(CITATION_UNDO_MINUTES + 0.01), now)?.code).toBe("CONFLICT");
  });
  it("refuses anyone else, anonymous readers and the system, and removed evidence", () => {
    expect(citationUndoDenial({ ...member, id: "u2" } as Actor, evidence(1), now)?.code).toBe("FORBIDDEN");
    expect(citationUndoDenial(null, evidence(1), now)?.code).toBe("FORBIDDEN");
    expect(citationUndoDenial(SYSTEM_ACTOR, evidence(1), now)?.code).toBe("FORBIDDEN");
    expect(citationUndoDenial(member, { ...evidence(1), addedById: null }, now)?.code).toBe("FORBIDDEN");
    expect(citationUndoDenial(member, evidence(1, true), now)?.code).toBe("CONFLICT");
  });
});

describe("evidence notices", () => {
  it("parse only their own shape", () => {
    expect(parseEvidenceNotice("cited:ck1abc")).toEqual({ kind: "cited", evidenceId: "ck1abc" });
    for (const junk of [
      undefined,
      "",
      "cited",
      "cited:",
      "bogus:ck1",
      "cited:a b",
      `cited:${"x".repeat(65)}`,
      "cited:../x",
      "cited:<script>",
      `cited:${"a".repeat(1_000_000)}`,
      "cited:ck1\n",
    ]) {
      expect(parseEvidenceNotice(junk)).toBeNull();
    }
  });

  it("confirm a citation with its undo to its author only, and only while it is what they say", async () => {
    const member = await makeActor("contributor");
    const other = await makeActor("contributor");
    const { claim, evidence } = await cited(member);
    const value = `cited:${evidence.id}`;

    expect(await getEvidenceNotice(db(), member, claim.id, value)).toMatchObject({
      kind: "cited",
      stance: "contradicts",
      quote: "Others say Nikolaev acted alone.",
      undo: "undoCitation",
    });
    // Another member's citation is not theirs to be told about.
    expect(await getEvidenceNotice(db(), other, claim.id, value)).toBeNull();
    expect(await getEvidenceNotice(db(), null, claim.id, value)).toBeNull();
    // Evidence of another claim, or a notice that no longer describes the evidence, shows nothing.
    const elsewhere = await makeClaim();
    expect(await getEvidenceNotice(db(), member, elsewhere.id, value)).toBeNull();
    expect(await getEvidenceNotice(db(), member, claim.id, `removed:${evidence.id}`)).toBeNull();

    await undoCitation(db(), member, { evidenceId: evidence.id });
    expect(await getEvidenceNotice(db(), member, claim.id, value)).toBeNull();
    expect(await getEvidenceNotice(db(), member, claim.id, `undone:${evidence.id}`)).toMatchObject({
      kind: "undone",
      undo: null,
    });
  });

  it("offer a moderator's removal back as a restore, which an edit performs", async () => {
    const member = await makeActor("contributor");
    const moderator = await makeActor("moderator");
    const { claim, evidence } = await cited(member);
    const removal = await editClaim(db(), moderator, {
      claimId: claim.id,
      changes: { evidence: [{ evidenceId: evidence.id, removed: true }] },
      reason: "Not about this claim",
    });
    expect(removal.applied).toBe(true);
    expect(await getEvidenceNotice(db(), moderator, claim.id, `removed:${evidence.id}`)).toMatchObject({
      kind: "removed",
      undo: "restore",
    });
    // A contributor's edits are proposals: no one-click restore for them.
    expect(await getEvidenceNotice(db(), member, claim.id, `removed:${evidence.id}`)).toMatchObject({ undo: null });

    await editClaim(db(), moderator, {
      claimId: claim.id,
      changes: { evidence: [{ evidenceId: evidence.id, removed: false }] },
      reason: "Undid the removal",
    });
    expect(await counts(claim.id)).toMatchObject({ contradictsCount: 1 });
    expect(await getEvidenceNotice(db(), moderator, claim.id, `restored:${evidence.id}`)).toMatchObject({
      kind: "restored",
    });
  });

  it("a contributor's removal is a proposal and leaves the evidence in place", async () => {
    const member = await makeActor("contributor");
    const { claim, evidence } = await cited(SYSTEM_ACTOR as never);
    const result = await editClaim(db(), member, {
      claimId: claim.id,
      changes: { evidence: [{ evidenceId: evidence.id, removed: true }] },
      reason: "Off topic",
    });
    expect(result).toMatchObject({ applied: false, status: "pending" });
    expect((await db().evidence.findUniqueOrThrow({ where: { id: evidence.id } })).removedAt).toBeNull();
    expect(await getEvidenceNotice(db(), member, claim.id, `proposed:${evidence.id}`)).toMatchObject({
      kind: "proposed",
      undo: null,
    });
  });
});
