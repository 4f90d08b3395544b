import { isAppError } from "@/lib/errors";
import type { FormState } from "@/lib/forms/state";
import { numberFromText } from "@/lib/numbers";

/** Runs a server action body; expected failures become a message for the form instead of an error page. */
export async function formAction(work: () => Promise<unknown>): Promise<FormState> {
  try {
    const message = await work();
    return { message: typeof message === "string" ? message : "Saved." };
  } catch (error) {
    if (isAppError(error)) return { error: error.message, field: error.field };
    throw error;
  }
}

export function text(formData: FormData, name: string): string | undefined {
  const value = formData.get(name);
  return typeof value === "string" ? value : undefined;
}

/**
 * A number field as lib expects numbers: "65" becomes 65. Anything else is passed on as it
 * was typed, for lib's schema to refuse with a message naming the field.
 */
export function numberField(formData: FormData, name: string): unknown {
  return numberFromText(text(formData, name));
}
