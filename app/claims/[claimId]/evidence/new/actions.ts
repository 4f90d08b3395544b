"use server";

import { revalidatePath } from "next/cache";
import { formAction, text } from "@/app/_actions";
import { getRequestActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { addEvidence } from "@/lib/evidence/mutations";
import type { FormState } from "@/lib/forms/state";

export async function addPassageAsEvidenceAction(
  claimId: string,
  passageId: string,
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  const state = await formAction(async () => {
    await addEvidence(getDb(), await getRequestActor(), {
      claimId,
      passage: { passageId },
      stance: text(formData, "stance"),
      note: text(formData, "note"),
      pinpoint: text(formData, "pinpoint"),
    });
    return "Added to the claim's evidence.";
  });
  revalidatePath("/", "layout");
  return state;
}
