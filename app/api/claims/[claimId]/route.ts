import { pathParam, respondRead } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { getClaim } from "@/lib/claims/queries";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

export function GET(request: Request, context: { params: Promise<{ claimId: string }> }) {
  return respondRead(request, async () => {
    const { claimId } = await context.params;
    return getClaim(getDb(), await getActorFromRequest(request), { claimId: pathParam(claimId, "claimId") });
  });
}
