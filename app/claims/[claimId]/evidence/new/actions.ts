"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formAction, text } from "@/app/_actions";
import { evidenceNoticeHref } from "@/app/_helpers";
import { getRequestActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { addEvidence } from "@/lib/evidence/mutations";
import type { FormState } from "@/lib/forms/state";

export async function addPassageAsEvidenceAction(
  claimId: string,
  claimSlug: string,
  passageId: string,
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  let added: { id: string } | undefined;
  const state = await formAction(async () => {
    added = await addEvidence(getDb(), await getRequestActor(), {
      claimId,
      passage: { passageId },
      stance: text(formData, "stance"),
      note: text(formData, "note"),
      pinpoint: text(formData, "pinpoint"),
    });
  });
  revalidatePath("/", "layout");
  // The passage leaves the results once it is evidence: the page confirms it, with an undo, over the same search.
  if (added) {
    redirect(
      evidenceNoticeHref({ claimSlug, page: "add", q: text(formData, "q") }, { kind: "cited", evidenceId: added.id }),
    );
  }
  return state;
}
