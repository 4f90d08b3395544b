import { pathParam, respond } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { getClaim } from "@/lib/claims/queries";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

export function GET(request: Request, context: { params: Promise<{ claimId: string }> }) {
  return respond(async () => {
    const { claimId } = await context.params;
    return getClaim(getDb(), await getActorFromRequest(request), { claimId: pathParam(claimId, "claimId") });
  });
}
