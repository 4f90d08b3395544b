"use server";

import { redirect } from "next/navigation";
import { formAction, text } from "@/app/_actions";
import { getRequestActor } from "@/lib/auth/actor";
import { createClaim } from "@/lib/claims/mutations";
import { getDb } from "@/lib/db";
import type { FormState } from "@/lib/forms/state";

export async function createClaimAction(_state: FormState, formData: FormData): Promise<FormState> {
  let slug: string | undefined;
  const state = await formAction(async () => {
    // One "person:<id>" field per chosen person, its value the role, or "" for not linked (components/claims/PeoplePicker).
    const people = [...formData.entries()]
      .filter(([key, value]) => key.startsWith("person:") && value !== "")
      .map(([key, role]) => ({ personId: key.slice("person:".length), role }));
    const claim = await createClaim(getDb(), await getRequestActor(), {
      statement: text(formData, "statement"),
      people,
    });
    slug = claim.slug;
  });
  if (slug) redirect(`/claims/${slug}`);
  return state;
}
