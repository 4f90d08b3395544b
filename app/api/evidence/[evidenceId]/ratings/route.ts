import { pathParam, respond } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { getEvidenceRatings } from "@/lib/ratings/queries";

export const dynamic = "force-dynamic";

export function GET(request: Request, context: { params: Promise<{ evidenceId: string }> }) {
  return respond(async () => {
    const evidenceId = pathParam((await context.params).evidenceId, "evidenceId");
    return getEvidenceRatings(getDb(), await getActorFromRequest(request), { evidenceId });
  });
}
