import { pathParam, queryParams, respondBody } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { getClaimCitations } from "@/lib/citations/queries";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

export function GET(request: Request, context: { params: Promise<{ claimId: string }> }) {
  return respondBody(async () => {
    const claimId = pathParam((await context.params).claimId, "claimId");
    return getClaimCitations(getDb(), await getActorFromRequest(request), {
      ...queryParams(request, ["format"]),
      claimId,
    });
  });
}
