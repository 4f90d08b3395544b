import { pathParam, readJsonBody, respond } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { rateEvidence, withdrawEvidenceRating } from "@/lib/ratings/mutations";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ evidenceId: string }> };

export function PUT(request: Request, context: Context) {
  return respond(async () => {
    const evidenceId = pathParam((await context.params).evidenceId, "evidenceId");
    const body = await readJsonBody(request);
    return rateEvidence(getDb(), await getActorFromRequest(request), { ...body, evidenceId });
  });
}

export function DELETE(request: Request, context: Context) {
  return respond(async () => {
    const evidenceId = pathParam((await context.params).evidenceId, "evidenceId");
    return withdrawEvidenceRating(getDb(), await getActorFromRequest(request), { evidenceId });
  });
}
