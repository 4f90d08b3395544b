import { pathParam, respond } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { getSourceRatings } from "@/lib/ratings/queries";

export const dynamic = "force-dynamic";

export function GET(request: Request, context: { params: Promise<{ sourceId: string }> }) {
  return respond(async () => {
    const sourceId = pathParam((await context.params).sourceId, "sourceId");
    return getSourceRatings(getDb(), await getActorFromRequest(request), { sourceId });
  });
}
