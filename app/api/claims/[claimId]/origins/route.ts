import { pathParam, readJsonBody, respond } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { groupEvidence } from "@/lib/evidence/mutations";
import { getClaimOrigins } from "@/lib/evidence/queries";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ claimId: string }> };

export function GET(request: Request, context: Context) {
  return respond(async () => {
    const claimId = pathParam((await context.params).claimId, "claimId");
    return getClaimOrigins(getDb(), await getActorFromRequest(request), { claimId });
  });
}

export function POST(request: Request, context: Context) {
  return respond(async () => {
    const claimId = pathParam((await context.params).claimId, "claimId");
    const body = await readJsonBody(request);
    return groupEvidence(getDb(), await getActorFromRequest(request), { ...body, claimId });
  });
}
