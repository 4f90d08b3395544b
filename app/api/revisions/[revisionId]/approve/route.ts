import { pathParam, readJsonBody, respond } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { approveRevision } from "@/lib/moderation/mutations";

export const dynamic = "force-dynamic";

export function POST(request: Request, context: { params: Promise<{ revisionId: string }> }) {
  return respond(async () => {
    const revisionId = pathParam((await context.params).revisionId, "revisionId");
    const body = await readJsonBody(request);
    return approveRevision(getDb(), await getActorFromRequest(request), { ...body, revisionId });
  });
}
