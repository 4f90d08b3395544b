"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formAction, text } from "@/app/_actions";
import { getRequestActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import type { FormState } from "@/lib/forms/state";
import { mergePeople, splitAlias } from "@/lib/people/merge";

export async function mergePersonAction(intoSlug: string, _state: FormState, formData: FormData): Promise<FormState> {
  const state = await formAction(async () => {
    const kept = await mergePeople(getDb(), await getRequestActor(), {
      into: intoSlug,
      from: text(formData, "from"),
    });
    return `Merged into ${kept.name}.`;
  });
  revalidatePath(`/people/${intoSlug}`);
  revalidatePath("/people");
  return state;
}

export async function splitAliasAction(personSlug: string, alias: string): Promise<FormState> {
  let created: { slug: string } | undefined;
  const state = await formAction(async () => {
    created = await splitAlias(getDb(), await getRequestActor(), { person: personSlug, alias });
    return "Split off.";
  });
  if (created) redirect(`/people/${created.slug}`);
  return state;
}
