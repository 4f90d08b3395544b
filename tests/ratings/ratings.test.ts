// Rating sources' reliability and evidence's credibility through lib, on the real database: history,
// withdrawal, the team's rating, the roll-up functions, and every refusal leaving the database as it was.
import { beforeEach, describe, expect, it } from "vitest";
import { mergeClaims } from "@/lib/claims/merge";
import { addEvidence } from "@/lib/evidence/mutations";
import { editClaim } from "@/lib/moderation/mutations";
import type { Actor, MaybeActor } from "@/lib/permissions";
import { rateEvidence, rateSource, withdrawEvidenceRating, withdrawSourceRating } from "@/lib/ratings/mutations";
import {
  getEvidenceRatings,
  getSourceRatings,
  listClaimEvidenceRatings,
  teamEvidenceRatings,
  teamSourceRatings,
} from "@/lib/ratings/queries";
import { importSourceVersion } from "@/lib/sources/versions";
import { makeActor, makeClaim, makeSource, SYSTEM_ACTOR } from "../factories";
import { db, resetDatabase, tableSnapshot } from "../helpers";

beforeEach(resetDatabase);

async function citedEvidence(options: { status?: "draft" | "published"; authorId?: string } = {}) {
  const source = await makeSource();
  const claim = await makeClaim({ status: options.status ?? "published", authorId: options.authorId });
  const evidence = await addEvidence(db(), SYSTEM_ACTOR, {
    claimId: claim.id,
    passage: { sourceId: source.id, quote: "Nikolaev acted alone" },
    stance: "contradicts",
  });
  return { source, claim, evidence };
}

const sourceHistory = (sourceId: string) =>
  db().sourceRatingHistory.findMany({ where: { sourceId }, orderBy: [{ ratedAt: "asc" }, { id: "asc" }] });
const evidenceHistory = (evidenceId: string) =>
  db().evidenceRatingHistory.findMany({ where: { evidenceId }, orderBy: [{ ratedAt: "asc" }, { id: "asc" }] });

describe("rating a source's reliability", () => {
  it("keeps one current rating per member and the history of every grade, each audited and counted", async () => {
    const member = await makeActor("contributor");
    const source = await makeSource();
    await rateSource(db(), member, { sourceId: source.id, grade: "B", reason: "  A published monograph  " });
    const changed = await rateSource(db(), member, { sourceId: source.id, grade: "C", reason: "Relies on memoirs" });
    expect(changed).toMatchObject({ sourceId: source.id, grade: "C", reason: "Relies on memoirs" });

    const current = await db().sourceRating.findMany({ where: { sourceId: source.id } });
    expect(current).toHaveLength(1);
    expect(current[0]).toMatchObject({ userId: member.id, grade: "C", reason: "Relies on memoirs" });
    expect((await sourceHistory(source.id)).map((row) => [row.grade, row.reason])).toEqual([
      ["B", "A published monograph"],
      ["C", "Relies on memoirs"],
    ]);
    const audit = await db().auditEvent.findMany({
      where: { action: "source.rate", entityId: source.id },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    expect(audit.map((event) => JSON.parse(event.data))).toEqual([
      { grade: "B", previousGrade: null, version: source.id },
      { grade: "C", previousGrade: "B", version: source.id },
    ]);
    expect(audit.every((event) => event.actorId === member.id)).toBe(true);
    expect(await db().rateLimitEvent.count({ where: { key: `write.rating:${member.id}` } })).toBe(2);
  });

  it("withdraws a rating: gone from the team's, kept in the history as a withdrawal", async () => {
    const member = await makeActor("moderator");
    const source = await makeSource();
    await rateSource(db(), member, { sourceId: source.id, grade: "A", reason: "Primary documents" });
    expect(await withdrawSourceRating(db(), member, { sourceId: source.id })).toEqual({
      sourceId: source.id,
      withdrawn: true,
    });
    expect(await db().sourceRating.count()).toBe(0);
    expect((await sourceHistory(source.id)).map((row) => row.grade)).toEqual(["A", null]);
    expect(await db().auditEvent.count({ where: { action: "source.rating.withdraw", entityId: source.id } })).toBe(1);
    const { team, own } = await getSourceRatings(db(), member, { sourceId: source.id });
    expect(team).toMatchObject({ grade: null, count: 0, weight: 0.5 });
    expect(own).toBeNull();

    // Nothing left to withdraw: refused, nothing written.
    const before = await tableSnapshot();
    await expect(withdrawSourceRating(db(), member, { sourceId: source.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
      field: "sourceId",
    });
    expect(await tableSnapshot()).toEqual(before);
  });

  it("is shared by a source's versions: rating any version rates the source", async () => {
    const first = await makeSource();
    const member = await makeActor("contributor");
    const other = await makeActor("contributor");
    await rateSource(db(), member, { sourceId: first.id, grade: "B", reason: "Before the correction" });
    const second = await importSourceVersion(db(), SYSTEM_ACTOR, {
      sourceId: first.id,
      content: `${first.text}\n\nA corrected last paragraph.`,
    });
    const rated = await rateSource(db(), other, { sourceId: second.sourceId, grade: "D", reason: "Read version 2" });
    expect(rated.sourceId).toBe(first.id);
    // The first member changes their rating on the new version: still one rating each.
    await rateSource(db(), member, { sourceId: second.sourceId, grade: "C", reason: "After the correction" });
    expect(await db().sourceRating.count()).toBe(2);

    const onFirst = await getSourceRatings(db(), member, { sourceId: first.id });
    const onSecond = await getSourceRatings(db(), member, { sourceId: second.sourceId });
    expect(onSecond.ratedSourceId).toBe(first.id);
    expect(onSecond.team).toEqual(onFirst.team);
    expect(onSecond.team).toMatchObject({ grade: "D", count: 2, spread: { best: "C", worst: "D" } });
    expect(onSecond.own).toMatchObject({ grade: "C", reason: "After the correction" });
    const rollUp = await teamSourceRatings(db(), [first.id, second.sourceId]);
    expect(rollUp.get(first.id)).toEqual(rollUp.get(second.sourceId));
  });
});

describe("rating a piece of evidence's credibility", () => {
  it("keeps one current rating per member, the history of every grade, and the withdrawal", async () => {
    const { claim, evidence } = await citedEvidence();
    const member = await makeActor("contributor");
    await rateEvidence(db(), member, { evidenceId: evidence.id, grade: 3, reason: "Only one account" });
    await rateEvidence(db(), member, { evidenceId: evidence.id, grade: 2, reason: "A second account agrees" });
    expect(await db().evidenceRating.findMany({ where: { evidenceId: evidence.id } })).toEqual([
      expect.objectContaining({ userId: member.id, grade: 2, reason: "A second account agrees" }),
    ]);
    await withdrawEvidenceRating(db(), member, { evidenceId: evidence.id });
    expect(await db().evidenceRating.count()).toBe(0);
    expect((await evidenceHistory(evidence.id)).map((row) => [row.grade, row.reason])).toEqual([
      [3, "Only one account"],
      [2, "A second account agrees"],
      [null, null],
    ]);
    const actions = await db().auditEvent.findMany({
      where: {
        entityType: "Evidence",
        entityId: evidence.id,
        action: { in: ["evidence.rate", "evidence.rating.withdraw"] },
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    expect(actions.map((event) => [event.action, JSON.parse(event.data)])).toEqual([
      ["evidence.rate", { claimId: claim.id, grade: 3, previousGrade: null }],
      ["evidence.rate", { claimId: claim.id, grade: 2, previousGrade: 3 }],
      ["evidence.rating.withdraw", { claimId: claim.id, previousGrade: 2 }],
    ]);
  });

  it("gives the team's rating with its spread; names and reasons to members only", async () => {
    const { claim, evidence } = await citedEvidence();
    const [first, second, third] = await Promise.all([
      makeActor("contributor"),
      makeActor("moderator"),
      makeActor("admin"),
    ]);
    await rateEvidence(db(), first, { evidenceId: evidence.id, grade: 1, reason: "Confirmed by the archive" });
    await rateEvidence(db(), second, { evidenceId: evidence.id, grade: 4, reason: "Contradicted elsewhere" });
    await rateEvidence(db(), third, { evidenceId: evidence.id, grade: 6, reason: "Cannot tell" });

    const asMember = await getEvidenceRatings(db(), first, { evidenceId: evidence.id });
    expect(asMember).toMatchObject({
      evidenceId: evidence.id,
      claimId: claim.id,
      canRate: true,
      own: { grade: 1, label: "Confirmed by other sources", reason: "Confirmed by the archive" },
      team: {
        grade: 4,
        weight: 0.3,
        count: 3,
        judged: 2,
        cannotJudge: 1,
        spread: { best: 1, worst: 4 },
      },
    });
    expect(asMember.ratings?.map((rating) => [rating.grade, rating.own, rating.reason]).sort()).toEqual([
      [1, true, "Confirmed by the archive"],
      [4, false, "Contradicted elsewhere"],
      [6, false, "Cannot tell"],
    ]);
    const asViewer = await getEvidenceRatings(db(), await makeActor("viewer"), { evidenceId: evidence.id });
    expect(asViewer).toMatchObject({ canRate: false, own: null });
    expect(asViewer.ratings).toHaveLength(3);
    const anonymous = await getEvidenceRatings(db(), null, { evidenceId: evidence.id });
    expect(anonymous).toMatchObject({ ratings: null, own: null, canRate: false, team: asMember.team });

    const onPage = await listClaimEvidenceRatings(db(), second, { claimId: claim.id });
    expect(onPage.canRate).toBe(true);
    expect(onPage.byEvidence[evidence.id]).toEqual({
      team: asMember.team,
      own: expect.objectContaining({ grade: 4 }),
    });
    const rollUp = await teamEvidenceRatings(db(), [evidence.id, "cnotevidence000000000000000"]);
    expect(rollUp.get(evidence.id)).toEqual(asMember.team);
    expect(rollUp.get("cnotevidence000000000000000")).toMatchObject({ grade: null, count: 0, weight: 0.5 });
  });

  it("hides evidence on a claim the reader may not see", async () => {
    const author = await makeActor("contributor");
    const { claim, evidence } = await citedEvidence({ status: "draft", authorId: author.id! });
    await rateEvidence(db(), author, { evidenceId: evidence.id, grade: 2, reason: "My own draft" });
    for (const reader of [null, await makeActor("contributor"), await makeActor("viewer")] as MaybeActor[]) {
      await expect(getEvidenceRatings(db(), reader, { evidenceId: evidence.id })).rejects.toMatchObject({
        code: "NOT_FOUND",
        field: "evidenceId",
      });
      expect((await listClaimEvidenceRatings(db(), reader, { claimId: claim.id })).byEvidence).toEqual({});
    }
    expect((await getEvidenceRatings(db(), await makeActor("moderator"), { evidenceId: evidence.id })).team.grade).toBe(
      2,
    );
  });

  it("follows the evidence a claim merge keeps: one rating per member, the latest, with the whole history", async () => {
    const source = await makeSource();
    const kept = await makeClaim({ statement: "Stalin ordered Kirov's murder" });
    const duplicate = await makeClaim({ statement: "Stalin was behind the killing of Kirov" });
    const cite = (claimId: string) =>
      addEvidence(db(), SYSTEM_ACTOR, {
        claimId,
        passage: { sourceId: source.id, quote: "Nikolaev acted alone" },
        stance: "contradicts",
      });
    const keptEvidence = await cite(kept.id);
    const droppedEvidence = await cite(duplicate.id);
    const [both, onlyDropped, onlyKept] = await Promise.all([
      makeActor("contributor"),
      makeActor("contributor"),
      makeActor("contributor"),
    ]);
    await rateEvidence(db(), both, { evidenceId: keptEvidence.id, grade: 3, reason: "Earlier view" });
    await rateEvidence(db(), onlyKept, { evidenceId: keptEvidence.id, grade: 4, reason: "Doubtful" });
    await rateEvidence(db(), onlyDropped, { evidenceId: droppedEvidence.id, grade: 5, reason: "Improbable" });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await rateEvidence(db(), both, { evidenceId: droppedEvidence.id, grade: 1, reason: "Later view" });

    await mergeClaims(db(), await makeActor("moderator"), { into: kept.id, from: duplicate.id });
    const survivor = await db().evidence.findFirstOrThrow({ where: { claimId: kept.id } });
    const ratings = await db().evidenceRating.findMany({ where: { evidenceId: survivor.id } });
    const byMember = Object.fromEntries(ratings.map((rating) => [rating.userId, rating.grade]));
    expect(byMember).toEqual({ [both.id!]: 1, [onlyDropped.id!]: 5, [onlyKept.id!]: 4 });
    expect(await db().evidenceRatingHistory.count({ where: { evidenceId: survivor.id } })).toBe(4);
    expect(await db().evidenceRatingHistory.count()).toBe(4);
  });
});

describe("refusals name the field and write nothing", () => {
  type Refusal = [string, (member: Actor, ids: Ids) => Promise<unknown>, { code: string; field?: string }];
  type Ids = { sourceId: string; evidenceId: string; hiddenEvidenceId: string; removedEvidenceId: string };

  // biome-ignore format: one refusal per line
  const REFUSALS: Refusal[] = [
    ["an unknown reliability grade", (member, ids) => rateSource(db(), member, { sourceId: ids.sourceId, grade: "G", reason: "x" }), { code: "INVALID", field: "grade" }],
    ["a lower-case grade", (member, ids) => rateSource(db(), member, { sourceId: ids.sourceId, grade: "b", reason: "x" }), { code: "INVALID", field: "grade" }],
    ["no grade", (member, ids) => rateSource(db(), member, { sourceId: ids.sourceId, reason: "x" }), { code: "INVALID", field: "grade" }],
    ["no reason", (member, ids) => rateSource(db(), member, { sourceId: ids.sourceId, grade: "B" }), { code: "INVALID", field: "reason" }],
    ["a blank reason", (member, ids) => rateSource(db(), member, { sourceId: ids.sourceId, grade: "B", reason: "   " }), { code: "INVALID", field: "reason" }],
    ["a reason of 501 characters", (member, ids) => rateSource(db(), member, { sourceId: ids.sourceId, grade: "B", reason: "x".repeat(501) }), { code: "INVALID", field: "reason" }],
    ["an unknown source", (member) => rateSource(db(), member, { sourceId: "cnosource0000000000000000", grade: "B", reason: "x" }), { code: "NOT_FOUND", field: "sourceId" }],
    ["no source", (member) => rateSource(db(), member, { grade: "B", reason: "x" }), { code: "INVALID", field: "sourceId" }],
    ["credibility 0", (member, ids) => rateEvidence(db(), member, { evidenceId: ids.evidenceId, grade: 0, reason: "x" }), { code: "INVALID", field: "grade" }],
    ["credibility 7", (member, ids) => rateEvidence(db(), member, { evidenceId: ids.evidenceId, grade: 7, reason: "x" }), { code: "INVALID", field: "grade" }],
    ["credibility 2.5", (member, ids) => rateEvidence(db(), member, { evidenceId: ids.evidenceId, grade: 2.5, reason: "x" }), { code: "INVALID", field: "grade" }],
    ["credibility as text", (member, ids) => rateEvidence(db(), member, { evidenceId: ids.evidenceId, grade: "3", reason: "x" }), { code: "INVALID", field: "grade" }],
    ["credibility 'A'", (member, ids) => rateEvidence(db(), member, { evidenceId: ids.evidenceId, grade: "A", reason: "x" }), { code: "INVALID", field: "grade" }],
    ["an evidence reason of 501 characters", (member, ids) => rateEvidence(db(), member, { evidenceId: ids.evidenceId, grade: 2, reason: "é".repeat(501) }), { code: "INVALID", field: "reason" }],
    ["unknown evidence", (member) => rateEvidence(db(), member, { evidenceId: "cnoevidence00000000000000", grade: 2, reason: "x" }), { code: "NOT_FOUND", field: "evidenceId" }],
    ["evidence on a draft the member cannot see", (member, ids) => rateEvidence(db(), member, { evidenceId: ids.hiddenEvidenceId, grade: 2, reason: "x" }), { code: "NOT_FOUND", field: "evidenceId" }],
    ["withdrawing on a draft the member cannot see", (member, ids) => withdrawEvidenceRating(db(), member, { evidenceId: ids.hiddenEvidenceId }), { code: "NOT_FOUND", field: "evidenceId" }],
    ["evidence removed from its claim", (member, ids) => rateEvidence(db(), member, { evidenceId: ids.removedEvidenceId, grade: 2, reason: "x" }), { code: "CONFLICT", field: "evidenceId" }],
    ["withdrawing a source rating never given", (member, ids) => withdrawSourceRating(db(), member, { sourceId: ids.sourceId }), { code: "NOT_FOUND", field: "sourceId" }],
    ["withdrawing an evidence rating never given", (member, ids) => withdrawEvidenceRating(db(), member, { evidenceId: ids.evidenceId }), { code: "NOT_FOUND", field: "evidenceId" }],
    ["the system rating a source", (_member, ids) => rateSource(db(), SYSTEM_ACTOR, { sourceId: ids.sourceId, grade: "B", reason: "x" }), { code: "FORBIDDEN" }],
    ["the system rating evidence", (_member, ids) => rateEvidence(db(), SYSTEM_ACTOR, { evidenceId: ids.evidenceId, grade: 2, reason: "x" }), { code: "FORBIDDEN" }],
  ];

  it.each(REFUSALS)("%s", async (_name, call, expected) => {
    const member = await makeActor("contributor");
    const { source, evidence } = await citedEvidence();
    const author = await makeActor("contributor");
    const hidden = await citedEvidence({ status: "draft", authorId: author.id! });
    const removed = await citedEvidence();
    await editClaim(db(), SYSTEM_ACTOR, {
      claimId: removed.claim.id,
      changes: { evidence: [{ evidenceId: removed.evidence.id, removed: true }] },
    });
    // The member's earlier ratings of other things are there, and must stay as they are.
    await rateSource(db(), member, { sourceId: removed.source.id, grade: "C", reason: "Earlier" });
    const ids = {
      sourceId: source.id,
      evidenceId: evidence.id,
      hiddenEvidenceId: hidden.evidence.id,
      removedEvidenceId: removed.evidence.id,
    };
    const before = await tableSnapshot();
    await expect(call(member, ids)).rejects.toMatchObject({ name: "AppError", ...expected });
    expect(await tableSnapshot()).toEqual(before);
  });
});
