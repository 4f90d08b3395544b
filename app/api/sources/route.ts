import { readBodyBytes, readBodyText, respond } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { authorize } from "@/lib/authorize";
import { getDb } from "@/lib/db";
import { AppError, isAppError } from "@/lib/errors";
import { importSource } from "@/lib/sources/import";
import { importFormInput } from "@/lib/sources/import-form";
import { listSources } from "@/lib/sources/queries";
import { MAX_SOURCE_BYTES } from "@/lib/sources/schemas";

export const dynamic = "force-dynamic";

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

export function GET() {
  return respond(async () => ({ items: await listSources(getDb()) }));
}

/** Imports a source from JSON ({content, format, ...metadata}) or a multipart upload (file + metadata). */
export function POST(request: Request) {
  return respond(
    async () => {
      const actor = await getActorFromRequest(request);
      // importSource checks this too; checking first means a body is not read (up to 15 MB) for
      // a caller who may not import anyway.
      authorize(actor, "import:source");
      const result = await importSource(getDb(), actor, await readImportBody(request));
      return { ...result, url: `/sources/${result.sourceId}` };
    },
    (result) => (result.created ? 201 : 200),
  );
}

async function readImportBody(request: Request): Promise<unknown> {
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
