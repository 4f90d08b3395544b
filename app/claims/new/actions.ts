"use server";

import { redirect } from "next/navigation";
import { type FormState, formAction, text } from "@/app/_actions";
import { getRequestActor } from "@/lib/auth/actor";
import { createClaim } from "@/lib/claims/mutations";
import { getDb } from "@/lib/db";

export async function createClaimAction(_state: FormState, formData: FormData): Promise<FormState> {
  let slug: string | undefined;
  const state = await formAction(async () => {
    const people = [...formData.entries()]
      .filter(([key, value]) => key.startsWith("person:") && (value === "subject" || value === "mentioned"))
      .map(([key, value]) => ({ personId: key.slice("person:".length), role: value as "subject" | "mentioned" }));
    const claim = await createClaim(getDb(), await getRequestActor(), {
      statement: text(formData, "statement") ?? "",
      people,
    });
    slug = claim.slug;
  });
  if (slug) redirect(`/claims/${slug}`);
  return state;
}
