import { pathParam, readJsonBody, respond } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { listClaimRelations, proposeRelation } from "@/lib/claims/relations";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ claimId: string }> };

export function GET(request: Request, context: Context) {
  return respond(async () => {
    const claimId = pathParam((await context.params).claimId, "claimId");
    return { items: await listClaimRelations(getDb(), await getActorFromRequest(request), { claimId }) };
  });
}

// A moderator's relation is confirmed at once (201); a contributor's waits for review (202 Accepted).
export function POST(request: Request, context: Context) {
  return respond(
    async () => {
      const claimId = pathParam((await context.params).claimId, "claimId");
      const body = await readJsonBody(request);
      return proposeRelation(getDb(), await getActorFromRequest(request), { ...body, claimId });
    },
    (result) => (result.status === "confirmed" ? 201 : 202),
  );
}
