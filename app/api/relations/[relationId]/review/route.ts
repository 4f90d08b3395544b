import { pathParam, readJsonBody, respond } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { reviewRelation } from "@/lib/claims/relations";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

export function POST(request: Request, context: { params: Promise<{ relationId: string }> }) {
  return respond(async () => {
    const relationId = pathParam((await context.params).relationId, "relationId");
    const body = await readJsonBody(request);
    return reviewRelation(getDb(), await getActorFromRequest(request), { ...body, relationId });
  });
}
