import { pathParam, respondBody } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { getClaimReview } from "@/lib/claimreview/queries";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

export function GET(request: Request, context: { params: Promise<{ claimId: string }> }) {
  return respondBody(async () => {
    const claimId = pathParam((await context.params).claimId, "claimId");
    const review = await getClaimReview(getDb(), await getActorFromRequest(request), { claimId });
    return { body: JSON.stringify(review), contentType: "application/ld+json; charset=utf-8" };
  });
}
