"use server";

import { redirect } from "next/navigation";
import { text } from "@/app/_actions";
import { getRequestActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import type { ImportState } from "@/lib/forms/state";
import { importSource, previewSource } from "@/lib/sources/import";

/** The import form as lib/sources/import reads it (ImportSourceSchema). */
function importInput(formData: FormData) {
  return {
    file: formData.get("file"),
    content: text(formData, "content"),
    title: text(formData, "title"),
    authors: text(formData, "authors"),
    publisher: text(formData, "publisher"),
    url: text(formData, "url"),
    publishedDate: text(formData, "publishedDate"),
    accessedDate: text(formData, "accessedDate"),
    kind: text(formData, "kind"),
    language: text(formData, "language"),
    format: text(formData, "format"),
  };
}

/** Previews the cleaned paragraphs and sentences, or imports; a preview writes nothing. */
export async function importOrPreviewAction(_state: ImportState, formData: FormData): Promise<ImportState> {
  let sourceId: string | undefined;
  try {
    const actor = await getRequestActor();
    if (text(formData, "intent") === "preview") return { preview: await previewSource(actor, importInput(formData)) };
    sourceId = (await importSource(getDb(), actor, importInput(formData))).sourceId;
  } catch (error) {
    if (isAppError(error)) return { error: error.message, field: error.field };
    throw error;
  }
  redirect(`/sources/${sourceId}`);
}
