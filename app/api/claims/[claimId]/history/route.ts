import { pathParam, respond } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { getClaimHistory } from "@/lib/moderation/queries";

export const dynamic = "force-dynamic";

export function GET(request: Request, context: { params: Promise<{ claimId: string }> }) {
  return respond(async () =>
    getClaimHistory(getDb(), await getActorFromRequest(request), {
      claimId: pathParam((await context.params).claimId, "claimId"),
    }),
  );
}
