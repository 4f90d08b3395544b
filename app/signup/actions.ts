"use server";

import { type FormState, formAction, text } from "@/app/_actions";
import { getDb } from "@/lib/db";
import { registerUser } from "@/lib/users/accounts";

export async function registerAction(formData: FormData): Promise<FormState> {
  return formAction(async () => {
    await registerUser(getDb(), {
      name: text(formData, "name") ?? "",
      email: text(formData, "email") ?? "",
      password: text(formData, "password") ?? "",
      invitation: text(formData, "invitation") || undefined,
    });
    return "Account created.";
  });
}
