"use server";

import { revalidatePath } from "next/cache";
import { type FormState, formAction, text } from "@/app/_actions";
import { getRequestActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { addEvidence } from "@/lib/evidence/mutations";

export async function addPassageAsEvidenceAction(
  claimId: string,
  passageId: string,
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  const state = await formAction(async () => {
    const stance = text(formData, "stance");
    if (!stance) throw new AppError("INVALID", "stance: choose supports, contradicts or context", { field: "stance" });
    await addEvidence(getDb(), await getRequestActor(), {
      claimId,
      passage: { passageId },
      stance: stance as never,
      note: text(formData, "note") || undefined,
      pinpoint: text(formData, "pinpoint") || undefined,
    });
    return "Added to the claim's evidence.";
  });
  revalidatePath("/", "layout");
  return state;
}
