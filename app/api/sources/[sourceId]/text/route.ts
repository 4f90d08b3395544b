import { pathParam, queryParams, respondBody } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { getSourceText } from "@/lib/citations/queries";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

export function GET(request: Request, context: { params: Promise<{ sourceId: string }> }) {
  return respondBody(async () => {
    const sourceId = pathParam((await context.params).sourceId, "sourceId");
    queryParams(request, []);
    return getSourceText(getDb(), await getActorFromRequest(request), { sourceId });
  });
}
