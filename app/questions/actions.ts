"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formAction, text } from "@/app/_actions";
import { getRequestActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import type { FormState } from "@/lib/forms/state";
import {
  createQuestion,
  markCell,
  proposeQuestionClaim,
  reviewQuestion,
  reviewQuestionClaim,
} from "@/lib/questions/mutations";

export async function createQuestionAction(_state: FormState, formData: FormData): Promise<FormState> {
  let slug: string | undefined;
  const state = await formAction(async () => {
    const question = await createQuestion(getDb(), await getRequestActor(), {
      title: text(formData, "title"),
      description: text(formData, "description"),
      claimIds: formData.getAll("claimId").filter((value) => typeof value === "string" && value !== ""),
    });
    slug = question.slug;
  });
  if (slug) redirect(`/questions/${slug}`);
  return state;
}

export async function reviewQuestionAction(
  questionId: string,
  decision: "publish" | "send_back",
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  const state = await formAction(async () => {
    // The form is the one new claims have (components/moderation/PendingClaimActions).
    await reviewQuestion(getDb(), await getRequestActor(), { questionId, decision, reason: text(formData, "reason") });
    return decision === "publish" ? "Published." : "Sent back to its author, with your note.";
  });
  revalidatePath("/", "layout");
  return state;
}

export async function proposeQuestionClaimAction(
  questionId: string,
  claimId: string,
  _state: FormState,
  _formData: FormData,
): Promise<FormState> {
  const state = await formAction(async () => {
    const result = await proposeQuestionClaim(getDb(), await getRequestActor(), { questionId, claimId });
    return result.status === "confirmed" ? "Added to the question." : "Proposed: a moderator will confirm it.";
  });
  revalidatePath("/", "layout");
  return state;
}

export async function reviewQuestionClaimAction(
  questionClaimId: string,
  decision: "confirm" | "reject",
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  const state = await formAction(async () => {
    await reviewQuestionClaim(getDb(), await getRequestActor(), {
      questionClaimId,
      decision,
      note: text(formData, "note"),
    });
    return decision === "confirm" ? "Confirmed: the claim competes in the question." : "Taken out of the question.";
  });
  revalidatePath("/", "layout");
  return state;
}

export async function markCellAction(
  questionId: string,
  claimId: string,
  passageId: string,
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  const state = await formAction(async () => {
    const chosen = text(formData, "mark");
    await markCell(getDb(), await getRequestActor(), {
      questionId,
      claimId,
      passageId,
      mark: chosen === "default" ? null : chosen,
    });
    return chosen === "default" ? "Your mark is withdrawn." : "Marked.";
  });
  revalidatePath("/", "layout");
  return state;
}
