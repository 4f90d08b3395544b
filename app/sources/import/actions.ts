"use server";

import { redirect } from "next/navigation";
import { text } from "@/app/_actions";
import { getRequestActor } from "@/lib/auth/actor";
import { authorize } from "@/lib/authorize";
import { getDb } from "@/lib/db";
import { AppError, isAppError } from "@/lib/errors";
import { decodeUpload, importSource, prepareSource } from "@/lib/sources/import";

export type ImportPreview = {
  title: string;
  format: string;
  language: string;
  characters: number;
  paragraphs: { text: string; sentences: string[] }[];
  paragraphCount: number;
  sentenceCount: number;
};
export type ImportState = { error?: string; field?: string; preview?: ImportPreview; message?: string };

async function contentOf(formData: FormData): Promise<{ content: string; fileName?: string }> {
  const file = formData.get("file");
  if (file instanceof File && file.size > 0) {
    if (!/\.(txt|md|markdown|html?|xhtml)$/i.test(file.name)) {
      throw new AppError("INVALID", "file: upload a .txt, .md or .html file", { field: "file" });
    }
    return { content: decodeUpload(new Uint8Array(await file.arrayBuffer())), fileName: file.name };
  }
  return { content: text(formData, "content") ?? "" };
}

function metadataOf(formData: FormData, fileName?: string) {
  const authors = (text(formData, "authors") ?? "")
    .split(/\n|;/)
    .map((author) => author.trim())
    .filter(Boolean);
  const optional = (name: string) => text(formData, name)?.trim() || undefined;
  return {
    title: optional("title"),
    authors,
    publisher: optional("publisher"),
    url: optional("url"),
    publishedDate: optional("publishedDate"),
    accessedDate: optional("accessedDate"),
    kind: (optional("kind") ?? "web_page") as never,
    language: optional("language"),
    format: (optional("format") as never) ?? undefined,
    fileName,
  };
}

/** Previews the cleaned paragraphs and sentences, or imports; a preview writes nothing. */
export async function importOrPreviewAction(_state: ImportState, formData: FormData): Promise<ImportState> {
  let sourceId: string | undefined;
  try {
    const actor = await getRequestActor();
    authorize(actor, "import:source");
    const { content, fileName } = await contentOf(formData);
    const metadata = metadataOf(formData, fileName);
    if (text(formData, "intent") === "preview") {
      const prepared = prepareSource(content, metadata);
      const paragraphs = prepared.passages.filter((passage) => passage.kind === "paragraph");
      const sentences = prepared.passages.filter((passage) => passage.kind === "sentence");
      return {
        preview: {
          title: prepared.title,
          format: prepared.format,
          language: prepared.language,
          characters: prepared.text.length,
          paragraphCount: paragraphs.length,
          sentenceCount: sentences.length,
          paragraphs: paragraphs.slice(0, 30).map((paragraph) => ({
            text: paragraph.text,
            sentences: sentences
              .filter((sentence) => sentence.start >= paragraph.start && sentence.end <= paragraph.end)
              .map((sentence) => sentence.text),
          })),
        },
      };
    }
    const result = await importSource(getDb(), actor, content, metadata);
    sourceId = result.sourceId;
  } catch (error) {
    if (isAppError(error)) return { error: error.message, field: error.field };
    throw error;
  }
  redirect(`/sources/${sourceId}`);
}
