import { pathParam, respond } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { authorize } from "@/lib/authorize";
import { getDb } from "@/lib/db";
import { readImportBody } from "@/lib/sources/import-form";
import { getSourceVersions } from "@/lib/sources/queries";
import { importSourceVersion } from "@/lib/sources/versions";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ sourceId: string }> };

export function GET(_request: Request, context: Context) {
  return respond(async () => {
    const { sourceId } = await context.params;
    return { items: await getSourceVersions(getDb(), { sourceId: pathParam(sourceId, "sourceId") }) };
  });
}

/** Imports a changed text as a new version of the source; its citations are re-anchored. */
export function POST(request: Request, context: Context) {
  return respond(
    async () => {
      const actor = await getActorFromRequest(request);
      // Checked before reading a body of up to 15 MB, as for POST /api/sources.
      authorize(actor, "import:source");
      const { sourceId } = await context.params;
      const body = (await readImportBody(request)) as Record<string, unknown>;
      const result = await importSourceVersion(getDb(), actor, { ...body, sourceId: pathParam(sourceId, "sourceId") });
      return { ...result, url: `/sources/${result.sourceId}` };
    },
    () => 201,
  );
}
