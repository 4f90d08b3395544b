import { isAppError } from "@/lib/errors";

export type FormState = { error?: string; field?: string; message?: string; data?: Record<string, string> };

/** Runs a server action body; expected failures become a message for the form instead of an error page. */
export async function formAction(work: () => Promise<string | void>): Promise<FormState> {
  try {
    const message = await work();
    return { message: message ?? "Saved." };
  } catch (error) {
    if (isAppError(error)) return { error: error.message, field: error.field };
    throw error;
  }
}

export function text(formData: FormData, name: string): string | undefined {
  const value = formData.get(name);
  return typeof value === "string" ? value : undefined;
}
