import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { authorize } from "@/lib/authorize";
import type { Db, Tx } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { recordAppliedRevision } from "@/lib/moderation/mutations";
import type { Actor, MaybeActor } from "@/lib/permissions";
import { moveEvidenceRatings } from "@/lib/ratings/mutations";
import { mergePersonLink } from "./person-links";
import { claimAbilities, requireAbility } from "./policy";
import { claimRefWhere } from "./refs";
import { MergeClaimsSchema } from "./schemas";
import { lockClaims, refreshClaimStats } from "./stats";

const TRANSACTION = { timeout: 30_000, maxWait: 10_000 } as const;

type MergedVote = { updatedAt: Date; onEarlierWording: boolean };

/**
 * Which of a member's two votes survives a merge, the duplicate's (`moved`) or this claim's: a vote
 * on its claim's current wording before one that waits for confirmation, then the later one.
 */
function survives(moved: MergedVote, existing: MergedVote): boolean {
  if (moved.onEarlierWording !== existing.onEarlierWording) return !moved.onEarlierWording;
  return moved.updatedAt > existing.updatedAt;
}

async function claimFor(tx: Tx, actor: MaybeActor, idOrSlug: string, field: string) {
  const claim = await tx.claim.findFirst({
    where: claimRefWhere(idOrSlug),
    include: { evidence: true, votes: true, people: true },
  });
  if (!claim) throw new AppError("NOT_FOUND", `${field}: no claim "${idOrSlug}"`, { field });
  // Neither side may be merged already: lib/claims/policy.ts.
  requireAbility(claimAbilities(actor, claim), "merge", field);
  return claim;
}

/**
 * Merges a duplicate claim into another (moderators). Evidence moves over (a passage both
 * cited is kept once, the other citation's stance and note kept in its note); one vote per
 * member survives (one on its claim's current wording before one waiting for confirmation, then the
 * latest), and every earlier vote stays in the vote log; people and
 * comments move too. The duplicate is archived with a pointer to the claim that absorbed it,
 * keeps its own history, and leaves the search index. Both claims' histories record the merge.
 */
export async function mergeClaims(
  db: Db,
  actor: MaybeActor,
  input: unknown,
): Promise<{ slug: string; statement: string }> {
  authorize(actor, "merge:claim");
  const refs = parseInput(MergeClaimsSchema, input);
  return db.$transaction(async (tx) => {
    // Both claims locked (in id order) before they are read: opposite merges at once (A into B,
    // B into A) then run one after the other, and the second finds its claim already merged.
    const ids = await tx.claim.findMany({
      where: { OR: [claimRefWhere(refs.into), claimRefWhere(refs.from)] },
      select: { id: true },
    });
    await lockClaims(
      tx,
      ids.map((claim) => claim.id),
    );
    const into = await claimFor(tx, actor, refs.into, "into");
    const from = await claimFor(tx, actor, refs.from, "from");
    if (into.id === from.id)
      throw new AppError("INVALID", "from: a claim cannot be merged into itself", { field: "from" });

    const keptEvidence = new Map(into.evidence.map((item) => [item.passageId, item]));
    const evidenceMerged: { passageId: string; kept: string; dropped: string }[] = [];
    for (const item of from.evidence) {
      const existing = keptEvidence.get(item.passageId);
      if (!existing) {
        await tx.evidence.update({ where: { id: item.id }, data: { claimId: into.id } });
        continue;
      }
      // One citation of a passage per claim: the live one wins, and the other's reading is kept in the note.
      const winner = existing.removedAt && !item.removedAt ? item : existing;
      const loser = winner === existing ? item : existing;
      const remark = `(Also cited as ${loser.stance}${loser.note ? `: ${loser.note}` : ""} on the merged claim “${from.statement}”.)`;
      const note =
        loser.stance !== winner.stance || loser.note ? [winner.note, remark].filter(Boolean).join("\n\n") : winner.note;
      await moveEvidenceRatings(tx, loser.id, winner.id);
      // Votes that named the dropped citation name the kept one: a vote names only its own
      // claim's evidence, and the two were on different claims, so no vote names both.
      await tx.voteEvidence.updateMany({ where: { evidenceId: loser.id }, data: { evidenceId: winner.id } });
      await tx.evidence.delete({ where: { id: loser.id } });
      await tx.evidence.update({
        where: { id: winner.id },
        data: {
          claimId: into.id,
          stance: winner.stance,
          note,
          pinpoint: winner.pinpoint ?? loser.pinpoint,
          removedAt: winner.removedAt,
          // Origins are shared by every claim: the kept citation derives from whatever the other did.
          originId: winner.originId ?? loser.originId,
        },
      });
      evidenceMerged.push({ passageId: item.passageId, kept: winner.id, dropped: loser.id });
    }

    // A moved vote keeps the evidence it named (moved here above, or now its kept citation); a
    // dropped vote's names go with it (VoteEvidence cascades).
    // The merge says the duplicate asks what this claim asks: a vote on the duplicate's current
    // wording counts here on this claim's current wording; one that waited for confirmation there
    // still waits (wording 0: earlier than any of this claim's). The vote history follows the same
    // rule, so the median's timeline (current wording only) ends where the figures stand.
    const movedWording = (vote: { wording: number }) => (vote.wording === from.wording ? into.wording : 0);
    const keptVotes = new Map(into.votes.map((vote) => [vote.userId, vote]));
    for (const vote of from.votes) {
      const existing = keptVotes.get(vote.userId);
      const move = () =>
        tx.confidenceVote.update({
          where: { id: vote.id },
          // updatedAt kept: it is when the value was given, and it decides between two votes.
          data: { claimId: into.id, wording: movedWording(vote), updatedAt: vote.updatedAt },
        });
      if (!existing) {
        await move();
      } else if (survives(vote, existing)) {
        await tx.confidenceVote.delete({ where: { id: existing.id } });
        await move();
      } else {
        await tx.confidenceVote.delete({ where: { id: vote.id } });
      }
    }
    await tx.confidenceVoteHistory.updateMany({
      where: { claimId: from.id, wording: from.wording },
      data: { claimId: into.id, wording: into.wording },
    });
    await tx.confidenceVoteHistory.updateMany({ where: { claimId: from.id }, data: { claimId: into.id, wording: 0 } });

    const keptRoles = new Map(into.people.map((link) => [link.personId, link.role]));
    for (const link of from.people) {
      await mergePersonLink(
        tx,
        { claimId: into.id, personId: link.personId, role: link.role },
        keptRoles.get(link.personId),
      );
    }
    await tx.comment.updateMany({ where: { claimId: from.id }, data: { claimId: into.id } });
    // The duplicate's place in questions passes to this claim, with members' marks on its cells;
    // where a member already marked the same cell here, this claim's mark stays.
    const STRENGTH = { confirmed: 2, pending: 1, rejected: 0 } as const;
    const rowsHere = new Map(
      (
        await tx.questionClaim.findMany({
          where: { claimId: into.id },
          select: { id: true, questionId: true, status: true },
        })
      ).map((row) => [row.questionId, row]),
    );
    for (const row of await tx.questionClaim.findMany({
      where: { claimId: from.id },
      select: { id: true, questionId: true, status: true },
    })) {
      const here = rowsHere.get(row.questionId);
      if (!here) {
        await tx.questionClaim.update({ where: { id: row.id }, data: { claimId: into.id } });
        continue;
      }
      // Both competed in the question: the kept claim keeps the stronger standing of the two.
      if (STRENGTH[row.status] > STRENGTH[here.status]) {
        await tx.questionClaim.update({ where: { id: here.id }, data: { status: row.status } });
      }
      await tx.questionClaim.delete({ where: { id: row.id } });
    }
    const markKey = (mark: { questionId: string; passageId: string; userId: string }) =>
      `${mark.questionId}\u0000${mark.passageId}\u0000${mark.userId}`;
    const marksHere = new Set(
      (
        await tx.matrixMark.findMany({
          where: { claimId: into.id },
          select: { questionId: true, passageId: true, userId: true },
        })
      ).map(markKey),
    );
    for (const mark of await tx.matrixMark.findMany({
      where: { claimId: from.id },
      select: { id: true, questionId: true, passageId: true, userId: true },
    })) {
      if (marksHere.has(markKey(mark))) await tx.matrixMark.delete({ where: { id: mark.id } });
      else await tx.matrixMark.update({ where: { id: mark.id }, data: { claimId: into.id } });
    }

    await tx.claim.update({
      where: { id: from.id },
      data: { status: "archived", mergedIntoId: into.id, version: { increment: 1 }, lockedAt: null, lockedById: null },
    });
    await tx.claim.update({ where: { id: into.id }, data: { version: { increment: 1 } } });
    await tx.searchDocument.deleteMany({ where: { kind: "claim", refId: from.id } });
    await refreshClaimStats(tx, into.id);
    await refreshClaimStats(tx, from.id);

    const who = actor as Actor;
    await recordAppliedRevision(tx, who, {
      claimId: into.id,
      action: "claim.merge",
      before: null,
      after: {},
      baseVersion: into.version,
      reason: `Merged the duplicate “${from.statement}” into this claim: ${from.evidence.length} evidence, ${from.votes.length} votes, ${from.people.length} people.`,
    });
    await recordAppliedRevision(tx, who, {
      claimId: from.id,
      action: "claim.merge",
      before: { status: from.status },
      after: { status: "archived" },
      baseVersion: from.version,
      reason: `Merged into “${into.statement}” as a duplicate.`,
    });
    const data = {
      into: { id: into.id, slug: into.slug, statement: into.statement },
      from: { id: from.id, slug: from.slug, statement: from.statement, status: from.status },
      evidence: from.evidence.map((item) => ({ id: item.id, passageId: item.passageId, stance: item.stance })),
      evidenceMerged,
      votes: from.votes.map((vote) => ({
        userId: vote.userId,
        value: vote.value,
        updatedAt: vote.updatedAt.toISOString(),
        onEarlierWording: vote.onEarlierWording,
      })),
    };
    await recordAudit(tx, actor, { action: "claim.merge", entityType: "Claim", entityId: into.id, data });
    await recordAudit(tx, actor, { action: "claim.merge", entityType: "Claim", entityId: from.id, data });
    return { slug: into.slug, statement: into.statement };
  }, TRANSACTION);
}
