"use server";

import { redirect } from "next/navigation";
import { text } from "@/app/_actions";
import { getRequestActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import type { ImportState } from "@/lib/forms/state";
import { importSource, previewSource } from "@/lib/sources/import";
import { importFormInput } from "@/lib/sources/import-form";
import { trackImportProgress } from "@/lib/sources/import-progress";
import { importSourceVersion } from "@/lib/sources/versions";

const TEXT_FIELDS = [
  "content",
  "title",
  "authors",
  "publisher",
  "url",
  "publishedDate",
  "accessedDate",
  "kind",
  "language",
  "format",
] as const;

/** What the member typed, to put back into the form whatever the outcome. */
function typedValues(formData: FormData): Record<string, string> {
  return Object.fromEntries(TEXT_FIELDS.map((name) => [name, text(formData, name) ?? ""]));
}

/**
 * Previews the cleaned paragraphs and sentences, or imports (as a new version of `versionOf`
 * when given); a preview writes nothing.
 */
export async function importOrPreviewAction(
  versionOf: string | null,
  state: ImportState,
  formData: FormData,
): Promise<ImportState> {
  const kept = { values: typedValues(formData), submission: (state.submission ?? 0) + 1 };
  let sourceId: string | undefined;
  try {
    const actor = await getRequestActor();
    if (text(formData, "intent") === "preview") {
      const preview = await previewSource(actor, importFormInput(formData));
      // A browser cannot refill a file input: the previewed file's text goes to the text box, so
      // that Import imports what was previewed.
      const file = formData.get("file");
      if (file instanceof File && file.size > 0 && !kept.values.content) {
        return { ...kept, preview, values: { ...kept.values, content: await file.text() }, fileMoved: file.name };
      }
      return { ...kept, preview };
    }
    // The form polls app/sources/import/progress with this token while the import runs.
    const progress = trackImportProgress(text(formData, "progressToken"), actor);
    try {
      sourceId = versionOf
        ? (
            await importSourceVersion(
              getDb(),
              actor,
              { ...importFormInput(formData), sourceId: versionOf },
              progress.options,
            )
          ).sourceId
        : (await importSource(getDb(), actor, importFormInput(formData), progress.options)).sourceId;
    } finally {
      progress.done();
    }
  } catch (error) {
    if (isAppError(error)) return { ...kept, error: error.message, field: error.field };
    throw error;
  }
  // The source page then says what the import found (people, names it did not recognise).
  redirect(`/sources/${sourceId}?imported=1`);
}
