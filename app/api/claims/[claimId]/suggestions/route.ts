import { pathParam, queryParams, respond } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { readSuggestedEvidence } from "@/lib/claims/suggestions";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

export function GET(request: Request, context: { params: Promise<{ claimId: string }> }) {
  return respond(async () => {
    const { claimId } = await context.params;
    const items = await readSuggestedEvidence(getDb(), await getActorFromRequest(request), {
      ...queryParams(request, ["limit"]),
      claimId: pathParam(claimId, "claimId"),
    });
    return { items };
  });
}
