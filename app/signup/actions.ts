"use server";

import { headers } from "next/headers";
import { formAction, text } from "@/app/_actions";
import { clientAddress } from "@/lib/auth/request";
import { getDb } from "@/lib/db";
import type { FormState } from "@/lib/forms/state";
import { registerUser } from "@/lib/users/accounts";

export async function registerAction(formData: FormData): Promise<FormState> {
  return formAction(async () => {
    await registerUser(
      getDb(),
      {
        name: text(formData, "name"),
        email: text(formData, "email"),
        password: text(formData, "password"),
        invitation: text(formData, "invitation"),
      },
      { address: clientAddress(await headers()) },
    );
    return "Account created.";
  });
}
