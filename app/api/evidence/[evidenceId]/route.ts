import { pathParam, respond } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { undoCitation } from "@/lib/evidence/mutations";

export const dynamic = "force-dynamic";

/** Undoes the caller's own citation within minutes of making it (lib/evidence/policy.ts). */
export function DELETE(request: Request, context: { params: Promise<{ evidenceId: string }> }) {
  return respond(async () => {
    const evidenceId = pathParam((await context.params).evidenceId, "evidenceId");
    return undoCitation(getDb(), await getActorFromRequest(request), { evidenceId });
  });
}
