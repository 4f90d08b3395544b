import { pathParam, readJsonBody, respond } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { addEvidence } from "@/lib/evidence/mutations";

export const dynamic = "force-dynamic";

export function POST(request: Request, context: { params: Promise<{ claimId: string }> }) {
  return respond(async () => {
    const claimId = pathParam((await context.params).claimId, "claimId");
    const body = await readJsonBody(request);
    return addEvidence(getDb(), await getActorFromRequest(request), { ...body, claimId });
  }, 201);
}
