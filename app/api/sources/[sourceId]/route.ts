import { pathParam, queryParams, respondRead } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { getSource } from "@/lib/sources/queries";

export const dynamic = "force-dynamic";

export function GET(request: Request, context: { params: Promise<{ sourceId: string }> }) {
  return respondRead(request, async () => {
    const { sourceId } = await context.params;
    return getSource(getDb(), await getActorFromRequest(request), {
      ...queryParams(request, ["passages"]),
      sourceId: pathParam(sourceId, "sourceId"),
    });
  });
}
