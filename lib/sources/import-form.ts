import { readBodyBytes, readBodyText } from "@/lib/api/respond";
import { AppError, isAppError } from "@/lib/errors";
import { MAX_SOURCE_BYTES } from "./schemas";

/** A form field's text; a file or a missing field is undefined. */
function text(formData: FormData, name: string): string | undefined {
  const value = formData.get(name);
  return typeof value === "string" ? value : undefined;
}

/**
 * The import form's fields (the page's form and a multipart POST /api/sources alike) as
 * importSource reads them (ImportSourceSchema): the uploaded `file`, or `content`, and the metadata.
 */
export function importFormInput(formData: FormData) {
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

/** Room for the metadata fields (and, in a multipart body, the part headers and boundaries). */
const METADATA_BYTES = 64 * 1024;
/**
 * A 5 MB source written as a JSON string grows when escaped: `\n` and `"` take 2 bytes, and a
 * client that escapes non-ASCII (Python's json.dumps does by default) writes a 2-byte Cyrillic
 * letter or a 4-byte character as 6 or 12 bytes, 3 times its UTF-8 size at most.
 */
const MAX_JSON_IMPORT_BYTES = 3 * MAX_SOURCE_BYTES + METADATA_BYTES;
/** A multipart upload carries the file as it is. */
const MAX_MULTIPART_IMPORT_BYTES = MAX_SOURCE_BYTES + METADATA_BYTES;

/** The body of POST /api/sources (and of a new version): JSON, or a multipart upload, read with a byte limit. */
export async function readImportBody(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (/^application\/json\b/i.test(type)) {
    let value: unknown;
    try {
      value = JSON.parse(await readBodyText(request, MAX_JSON_IMPORT_BYTES));
    } catch (error) {
      if (isAppError(error)) throw error;
      throw new AppError("INVALID", "body: is not valid JSON", { field: "body" });
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new AppError("INVALID", "body: must be a JSON object", { field: "body" });
    }
    return value;
  }
  if (/^multipart\/form-data\b/i.test(type)) {
    // Read with a byte limit first: request.formData() would hold whatever the client sends.
    const bytes = await readBodyBytes(request, MAX_MULTIPART_IMPORT_BYTES);
    let form: FormData;
    try {
      form = await new Response(bytes as BodyInit, { headers: { "content-type": type } }).formData();
    } catch {
      throw new AppError("INVALID", "body: is not valid multipart/form-data", { field: "body" });
    }
    return importFormInput(form);
  }
  throw new AppError(
    "UNSUPPORTED_MEDIA_TYPE",
    "body: send JSON (Content-Type: application/json) or a file (Content-Type: multipart/form-data)",
    { field: "body" },
  );
}
