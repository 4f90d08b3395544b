import { pathParam, readJsonBody, respond } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { setEvidenceOrigin } from "@/lib/evidence/mutations";

export const dynamic = "force-dynamic";

export function PUT(request: Request, context: { params: Promise<{ evidenceId: string }> }) {
  return respond(async () => {
    const evidenceId = pathParam((await context.params).evidenceId, "evidenceId");
    const body = await readJsonBody(request);
    return setEvidenceOrigin(getDb(), await getActorFromRequest(request), { ...body, evidenceId });
  });
}
