"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formAction, numberField, text } from "@/app/_actions";
import { evidenceNoticeHref } from "@/app/_helpers";
import { getRequestActor } from "@/lib/auth/actor";
import { mergeClaims } from "@/lib/claims/merge";
import { proposeRelation, reviewRelation } from "@/lib/claims/relations";
import { addComment, setCommentHidden } from "@/lib/comments/mutations";
import { getDb } from "@/lib/db";
import { addEvidence, groupEvidence, setEvidenceOrigin, undoCitation, updateOrigin } from "@/lib/evidence/mutations";
import type { FormState } from "@/lib/forms/state";
import { editClaim, revertClaim, setClaimLock } from "@/lib/moderation/mutations";
import { rateEvidence, withdrawEvidenceRating } from "@/lib/ratings/mutations";
import { castVote, confirmVote } from "@/lib/votes/mutations";

function refresh() {
  revalidatePath("/", "layout");
}

/** Turns the edit form's fields into the change set lib/moderation understands. */
function changesFromForm(formData: FormData) {
  const people: { personId: string; role: "subject" | "mentioned" }[] = [];
  const evidence = new Map<
    string,
    { evidenceId: string; stance?: string; note?: string; pinpoint?: string; removed?: boolean }
  >();
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string") continue;
    const [kind, id] = key.split(":");
    if (!id) continue;
    if (kind === "person" && (value === "subject" || value === "mentioned")) people.push({ personId: id, role: value });
    if (kind === "stance" || kind === "note" || kind === "pinpoint") {
      const entry = evidence.get(id) ?? { evidenceId: id, removed: false };
      entry[kind] = value;
      evidence.set(id, entry);
    }
  }
  for (const [key] of formData.entries()) {
    const [kind, id] = key.split(":");
    if (kind === "removed" && id && evidence.has(id)) evidence.get(id)!.removed = true;
  }
  const status = text(formData, "status");
  return {
    statement: text(formData, "statement"),
    ...(status ? { status } : {}),
    people,
    evidence: [...evidence.values()],
  };
}

export async function editClaimAction(claimId: string, _state: FormState, formData: FormData): Promise<FormState> {
  const state = await formAction(async () => {
    const result = await editClaim(getDb(), await getRequestActor(), {
      claimId,
      baseVersion: text(formData, "baseVersion"),
      changes: changesFromForm(formData),
      reason: text(formData, "reason"),
      votesOnRewording: text(formData, "votesOnRewording"),
    });
    return result.applied
      ? "Saved. The change is in the claim's history."
      : "Proposal sent. A moderator will review it; you will see the outcome on your account page.";
  });
  refresh();
  return state;
}

export async function revertAction(
  claimId: string,
  revisionId: string,
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  const state = await formAction(async () => {
    await revertClaim(getDb(), await getRequestActor(), {
      claimId,
      revisionId,
      reason: text(formData, "reason"),
      votesOnRewording: text(formData, "votesOnRewording"),
    });
    return "Reverted. The revert is recorded as a new revision.";
  });
  refresh();
  return state;
}

export async function lockAction(claimId: string, locked: boolean, _state: FormState): Promise<FormState> {
  const state = await formAction(async () => {
    await setClaimLock(getDb(), await getRequestActor(), { claimId, locked });
    return locked ? "Locked: no edits or proposals until unlocked." : "Unlocked.";
  });
  refresh();
  return state;
}

export async function voteAction(claimId: string, _state: FormState, formData: FormData): Promise<FormState> {
  const state = await formAction(async () => {
    await castVote(getDb(), await getRequestActor(), {
      claimId,
      value: numberField(formData, "value"),
      rationale: text(formData, "rationale"),
      evidenceIds: formData.getAll("evidenceIds").map(String),
    });
    return "Vote recorded.";
  });
  refresh();
  return state;
}

export async function confirmVoteAction(claimId: string): Promise<FormState> {
  const state = await formAction(async () => {
    await confirmVote(getDb(), await getRequestActor(), { claimId });
    return "Vote confirmed for the new wording.";
  });
  refresh();
  return state;
}

export async function commentAction(claimId: string, _state: FormState, formData: FormData): Promise<FormState> {
  const state = await formAction(async () => {
    await addComment(getDb(), await getRequestActor(), { claimId, body: text(formData, "body") });
    return "Comment posted.";
  });
  refresh();
  return state;
}

export async function hideCommentAction(commentId: string, hidden: boolean, _state: FormState): Promise<FormState> {
  const state = await formAction(async () => {
    await setCommentHidden(getDb(), await getRequestActor(), { commentId, hidden });
    return hidden ? "Hidden." : "Shown again.";
  });
  refresh();
  return state;
}

export async function citeSuggestionAction(
  claimId: string,
  claimSlug: string,
  passageId: string,
  stance: "supports" | "contradicts",
): Promise<FormState> {
  let cited: { id: string } | undefined;
  const state = await formAction(async () => {
    cited = await addEvidence(getDb(), await getRequestActor(), { claimId, passage: { passageId }, stance });
  });
  refresh();
  // The suggestion's card goes away with the citation: the page itself confirms it and offers the undo.
  if (cited) {
    redirect(evidenceNoticeHref({ claimSlug, page: "claim" }, { kind: "cited", evidenceId: cited.id }, "suggested"));
  }
  return state;
}

/** Takes back the member's own citation, from the notice that confirmed it. */
export async function undoCitationAction(
  at: { claimSlug: string; page: "claim" | "add"; q?: string },
  evidenceId: string,
): Promise<FormState> {
  let undone = false;
  const state = await formAction(async () => {
    await undoCitation(getDb(), await getRequestActor(), { evidenceId });
    undone = true;
  });
  refresh();
  if (undone) redirect(evidenceNoticeHref(at, { kind: "undone", evidenceId }));
  return state;
}

/**
 * Takes one piece of evidence away (`removed`) or puts it back, as an edit of the claim (lib/moderation):
 * applied at once for those who edit the claim directly, else a proposal for moderators. Then the page
 * confirms what happened (lib/evidence/notices.ts).
 */
async function changeEvidenceRemoval(
  claimId: string,
  claimSlug: string,
  evidenceId: string,
  change: { removed: boolean; reason?: string; baseVersion?: number },
): Promise<FormState> {
  let applied: boolean | undefined;
  const state = await formAction(async () => {
    const result = await editClaim(getDb(), await getRequestActor(), {
      claimId,
      baseVersion: change.baseVersion,
      changes: { evidence: [{ evidenceId, removed: change.removed }] },
      reason: change.reason,
    });
    applied = result.applied;
  });
  refresh();
  if (applied === undefined) return state;
  // Putting back evidence is offered only to those who edit directly; a proposal of it is confirmed in words.
  if (!applied && !change.removed) return { message: "Proposal sent. A moderator will review it." };
  const kind = !applied ? "proposed" : change.removed ? "removed" : "restored";
  redirect(
    evidenceNoticeHref({ claimSlug, page: "claim" }, { kind, evidenceId }, change.removed ? "evidence" : undefined),
  );
}

/** Removes one piece of evidence from its card on the claim page (with an undo when applied at once). */
export async function removeEvidenceAction(
  claimId: string,
  claimSlug: string,
  evidenceId: string,
  baseVersion: number,
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  return changeEvidenceRemoval(claimId, claimSlug, evidenceId, {
    removed: true,
    baseVersion,
    reason: text(formData, "reason"),
  });
}

/** Puts removed evidence back, from the notice that confirmed its removal. */
export async function restoreEvidenceAction(
  claimId: string,
  claimSlug: string,
  evidenceId: string,
): Promise<FormState> {
  return changeEvidenceRemoval(claimId, claimSlug, evidenceId, { removed: false, reason: "Undid the removal" });
}

export async function mergeClaimAction(intoId: string, _state: FormState, formData: FormData): Promise<FormState> {
  const state = await formAction(async () => {
    const kept = await mergeClaims(getDb(), await getRequestActor(), { into: intoId, from: text(formData, "from") });
    return `Merged into “${kept.statement}”.`;
  });
  refresh();
  return state;
}

export async function proposeRelationAction(
  claimId: string,
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  const state = await formAction(async () => {
    const result = await proposeRelation(getDb(), await getRequestActor(), {
      claimId,
      otherClaimId: text(formData, "otherClaimId"),
      kind: text(formData, "kind"),
      note: text(formData, "note"),
    });
    return result.status === "confirmed"
      ? "Relation recorded."
      : "Relation proposed. A moderator will confirm or reject it.";
  });
  refresh();
  return state;
}

export async function reviewRelationAction(
  relationId: string,
  decision: "confirm" | "reject",
  _state: FormState,
): Promise<FormState> {
  const state = await formAction(async () => {
    await reviewRelation(getDb(), await getRequestActor(), { relationId, decision });
    return decision === "confirm" ? "Relation confirmed." : "Relation rejected.";
  });
  refresh();
  return state;
}

export async function rateEvidenceAction(
  evidenceId: string,
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  const state = await formAction(async () => {
    const rating = await rateEvidence(getDb(), await getRequestActor(), {
      evidenceId,
      grade: numberField(formData, "grade"),
      reason: text(formData, "reason"),
    });
    return `Rated ${rating.grade}.`;
  });
  refresh();
  return state;
}

export async function withdrawEvidenceRatingAction(evidenceId: string): Promise<FormState> {
  const state = await formAction(async () => {
    await withdrawEvidenceRating(getDb(), await getRequestActor(), { evidenceId });
    return "Rating withdrawn.";
  });
  refresh();
  return state;
}

export async function groupEvidenceAction(claimId: string, _state: FormState, formData: FormData): Promise<FormState> {
  const state = await formAction(async () => {
    const result = await groupEvidence(getDb(), await getRequestActor(), {
      claimId,
      evidenceIds: formData.getAll("evidenceIds").map(String),
      originId: text(formData, "originId"),
      name: text(formData, "name"),
      note: text(formData, "note"),
    });
    return `Grouped under “${result.origin.name}”${result.created ? " (a new origin)" : ""}: one line of evidence.`;
  });
  refresh();
  return state;
}

/** A suggested grouping, in one click: into the origin some already share, or a new one of the suggested name. */
export async function groupSuggestionAction(
  claimId: string,
  evidenceIds: string[],
  originId: string | null,
  name: string,
): Promise<FormState> {
  const state = await formAction(async () => {
    const result = await groupEvidence(getDb(), await getRequestActor(), {
      claimId,
      evidenceIds,
      ...(originId ? { originId } : { name }),
    });
    return `Grouped under “${result.origin.name}”: one line of evidence.`;
  });
  refresh();
  return state;
}

export async function setEvidenceOriginAction(evidenceId: string, originId: string | null): Promise<FormState> {
  const state = await formAction(async () => {
    await setEvidenceOrigin(getDb(), await getRequestActor(), { evidenceId, originId });
    return originId ? "Grouped." : "Taken out of its origin: a line of its own again.";
  });
  refresh();
  return state;
}

export async function updateOriginAction(originId: string, _state: FormState, formData: FormData): Promise<FormState> {
  const state = await formAction(async () => {
    const origin = await updateOrigin(getDb(), await getRequestActor(), {
      originId,
      name: text(formData, "name"),
      note: text(formData, "note"),
    });
    return `Saved “${origin.name}”.`;
  });
  refresh();
  return state;
}
