"use server";

import { revalidatePath } from "next/cache";
import { formAction, text } from "@/app/_actions";
import { getRequestActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import type { FormState } from "@/lib/forms/state";
import { setPublisher } from "@/lib/settings/publisher";
import { setRegistrationMode } from "@/lib/settings/registration";
import { createInvitation, updateUser } from "@/lib/users/accounts";
import { signOutEverywhere } from "@/lib/users/mutations";

export async function updateUserAction(userId: string, _state: FormState, formData: FormData): Promise<FormState> {
  const state = await formAction(async () => {
    await updateUser(getDb(), await getRequestActor(), {
      userId,
      role: text(formData, "role"),
      active: text(formData, "active") === "on",
    });
    return "Saved; it applies on their next request.";
  });
  revalidatePath("/admin/users");
  return state;
}

export async function signOutEverywhereAction(userId: string, _state: FormState): Promise<FormState> {
  const state = await formAction(async () => {
    const { sessionsEnded } = await signOutEverywhere(getDb(), await getRequestActor(), { userId });
    return `Ended ${sessionsEnded} session(s); their cookies stop working on their next request.`;
  });
  revalidatePath("/admin/users");
  return state;
}

export async function createInvitationAction(
  origin: string,
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  const state = await formAction(async () => {
    const invitation = await createInvitation(getDb(), await getRequestActor(), {
      role: text(formData, "role"),
      email: text(formData, "email"),
      expiresInDays: text(formData, "expiresInDays"),
    });
    return `Invitation link (shown once, valid until ${invitation.expiresAt.toISOString().slice(0, 10)}): ${origin}/signup?invite=${invitation.token}`;
  });
  revalidatePath("/admin/users");
  return state;
}

export async function registrationModeAction(_state: FormState, formData: FormData): Promise<FormState> {
  const state = await formAction(async () => {
    const mode = await setRegistrationMode(getDb(), await getRequestActor(), { mode: text(formData, "mode") });
    return `Registration is now ${mode}.`;
  });
  revalidatePath("/admin/users");
  return state;
}

export async function publisherAction(_state: FormState, formData: FormData): Promise<FormState> {
  const state = await formAction(async () => {
    const publisher = await setPublisher(getDb(), await getRequestActor(), {
      name: text(formData, "name"),
      url: text(formData, "url"),
    });
    return `Fact checks are now published by ${publisher.name} (${publisher.url}).`;
  });
  revalidatePath("/admin/users");
  return state;
}
