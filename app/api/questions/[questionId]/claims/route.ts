import { pathParam, readJsonBody, respond } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { proposeQuestionClaim } from "@/lib/questions/mutations";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ questionId: string }> };

// A moderator's claim joins at once (201); a contributor's waits for review (202 Accepted).
export function POST(request: Request, context: Context) {
  return respond(
    async () => {
      const questionId = pathParam((await context.params).questionId, "questionId");
      const body = await readJsonBody(request);
      return proposeQuestionClaim(getDb(), await getActorFromRequest(request), { ...body, questionId });
    },
    (result) => (result.status === "confirmed" ? 201 : 202),
  );
}
