import { respond, respondRead } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { authorize } from "@/lib/authorize";
import { getDb } from "@/lib/db";
import { importSource } from "@/lib/sources/import";
import { readImportBody } from "@/lib/sources/import-form";
import { listSources } from "@/lib/sources/queries";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return respondRead(request, async () => ({ items: await listSources(getDb(), await getActorFromRequest(request)) }));
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
