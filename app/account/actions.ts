"use server";

import { formAction, text } from "@/app/_actions";
import { getRequestActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import type { FormState } from "@/lib/forms/state";
import { changePassword } from "@/lib/users/accounts";

export async function changePasswordAction(_state: FormState, formData: FormData): Promise<FormState> {
  return formAction(async () => {
    await changePassword(getDb(), await getRequestActor(), {
      currentPassword: text(formData, "currentPassword"),
      newPassword: text(formData, "newPassword"),
    });
    return "Password changed. Every session, this one included, has ended: sign in again with the new password.";
  });
}
