import { pathParam, readJsonBody, respond } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { updateOrigin } from "@/lib/evidence/mutations";

export const dynamic = "force-dynamic";

export function PATCH(request: Request, context: { params: Promise<{ originId: string }> }) {
  return respond(async () => {
    const originId = pathParam((await context.params).originId, "originId");
    const body = await readJsonBody(request);
    return updateOrigin(getDb(), await getActorFromRequest(request), { ...body, originId });
  });
}
