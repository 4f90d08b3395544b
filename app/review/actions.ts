"use server";

import { revalidatePath } from "next/cache";
import { formAction, text } from "@/app/_actions";
import { getRequestActor } from "@/lib/auth/actor";
import { reviewRelation } from "@/lib/claims/relations";
import { getDb } from "@/lib/db";
import type { FormState } from "@/lib/forms/state";
import { approveRevision, rejectRevision, reviewPendingClaim } from "@/lib/moderation/mutations";
import { decideReanchor } from "@/lib/sources/versions";

export async function approveAction(revisionId: string, _state: FormState, formData: FormData): Promise<FormState> {
  const state = await formAction(async () => {
    await approveRevision(getDb(), await getRequestActor(), {
      revisionId,
      note: text(formData, "note"),
      votesOnRewording: text(formData, "votesOnRewording"),
    });
    return "Approved and applied.";
  });
  revalidatePath("/", "layout");
  return state;
}

export async function rejectAction(revisionId: string, _state: FormState, formData: FormData): Promise<FormState> {
  const state = await formAction(async () => {
    await rejectRevision(getDb(), await getRequestActor(), { revisionId, reason: text(formData, "reason") });
    return "Rejected; the proposer will see your reason.";
  });
  revalidatePath("/", "layout");
  return state;
}

export async function reviewRelationFromQueueAction(
  relationId: string,
  decision: "confirm" | "reject",
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  const state = await formAction(async () => {
    await reviewRelation(getDb(), await getRequestActor(), { relationId, decision, note: text(formData, "note") });
    return decision === "confirm" ? "Relation confirmed." : "Relation rejected.";
  });
  revalidatePath("/", "layout");
  return state;
}

export async function reviewPendingClaimAction(
  claimId: string,
  decision: "publish" | "send_back",
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  const state = await formAction(async () => {
    await reviewPendingClaim(getDb(), await getRequestActor(), { claimId, decision, reason: text(formData, "reason") });
    return decision === "publish" ? "Published." : "Sent back to its author as a draft, with your reason.";
  });
  revalidatePath("/", "layout");
  return state;
}

export async function decideReanchorAction(reanchorId: string, decision: "confirm" | "reject"): Promise<FormState> {
  const state = await formAction(async () => {
    await decideReanchor(getDb(), await getRequestActor(), { reanchorId, decision });
    return decision === "confirm"
      ? "Confirmed: the citation now points at the new version's words."
      : "Rejected: the citation stays on the older version, flagged on its claim.";
  });
  revalidatePath("/", "layout");
  return state;
}
