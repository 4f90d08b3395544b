"use server";

import { revalidatePath } from "next/cache";
import { formAction, text } from "@/app/_actions";
import { getRequestActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import type { FormState } from "@/lib/forms/state";
import { settleMention } from "@/lib/people/mentions";
import { rescanPeopleInSources } from "@/lib/people/rescan";
import { acceptPersonSuggestion, dismissPersonSuggestion } from "@/lib/people/suggestions";
import { rateSource, withdrawSourceRating } from "@/lib/ratings/mutations";

export async function settleMentionAction(
  sourceId: string,
  surface: string,
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  const state = await formAction(async () => {
    await settleMention(getDb(), await getRequestActor(), {
      sourceId,
      surface,
      personId: text(formData, "personId"),
    });
    return "Settled.";
  });
  // What waits for review changes too, and its count is in every page's navigation.
  revalidatePath("/", "layout");
  return state;
}

export async function rescanMentionsAction(sourceId: string): Promise<FormState> {
  const state = await formAction(async () => {
    await rescanPeopleInSources(getDb(), await getRequestActor(), { sourceId });
    return "Scanned again.";
  });
  // What waits for review changes too, and its count is in every page's navigation.
  revalidatePath("/", "layout");
  return state;
}

export async function acceptSuggestionAction(
  suggestionId: string,
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  const state = await formAction(async () => {
    const person = await acceptPersonSuggestion(getDb(), await getRequestActor(), {
      suggestionId,
      name: text(formData, "name"),
      aliases: text(formData, "aliases"),
    });
    return `Added ${person.name}.`;
  });
  // What waits for review changes too, and its count is in every page's navigation.
  revalidatePath("/", "layout");
  return state;
}

export async function dismissSuggestionAction(suggestionId: string): Promise<FormState> {
  const state = await formAction(async () => {
    await dismissPersonSuggestion(getDb(), await getRequestActor(), { suggestionId });
    return "Dismissed.";
  });
  // What waits for review changes too, and its count is in every page's navigation.
  revalidatePath("/", "layout");
  return state;
}

export async function rateSourceAction(sourceId: string, _state: FormState, formData: FormData): Promise<FormState> {
  const state = await formAction(async () => {
    const rating = await rateSource(getDb(), await getRequestActor(), {
      sourceId,
      grade: text(formData, "grade"),
      reason: text(formData, "reason"),
    });
    return `Rated ${rating.grade}.`;
  });
  // Versions share their ratings: every version's page shows the new one.
  revalidatePath("/sources/[sourceId]", "page");
  return state;
}

export async function withdrawSourceRatingAction(sourceId: string): Promise<FormState> {
  const state = await formAction(async () => {
    await withdrawSourceRating(getDb(), await getRequestActor(), { sourceId });
    return "Rating withdrawn.";
  });
  revalidatePath("/sources/[sourceId]", "page");
  return state;
}
