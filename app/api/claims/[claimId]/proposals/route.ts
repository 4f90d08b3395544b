import { pathParam, readJsonBody, respond } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { editClaim } from "@/lib/moderation/mutations";

export const dynamic = "force-dynamic";

// Moderators' edits apply at once (200); contributors' become pending proposals (202 Accepted).
export function POST(request: Request, context: { params: Promise<{ claimId: string }> }) {
  return respond(
    async () => {
      const claimId = pathParam((await context.params).claimId, "claimId");
      const body = await readJsonBody(request);
      return editClaim(getDb(), await getActorFromRequest(request), { ...body, claimId });
    },
    (result) => (result.applied ? 200 : 202),
  );
}
