"use server";

import { headers } from "next/headers";
import { formAction, text } from "@/app/_actions";
import { clientAddress } from "@/lib/auth/request";
import { getDb } from "@/lib/db";
import type { FormState } from "@/lib/forms/state";
import { createFirstAdmin } from "@/lib/users/setup";

export async function setupAction(formData: FormData): Promise<FormState> {
  return formAction(async () => {
    await createFirstAdmin(
      getDb(),
      {
        token: text(formData, "token"),
        name: text(formData, "name"),
        email: text(formData, "email"),
        password: text(formData, "password"),
      },
      { address: clientAddress(await headers()) },
    );
    return "The admin account is ready. Sign in with it.";
  });
}
