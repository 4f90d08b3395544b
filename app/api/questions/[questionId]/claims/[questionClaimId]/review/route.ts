import { pathParam, readJsonBody, respond } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { reviewQuestionClaim } from "@/lib/questions/mutations";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ questionId: string; questionClaimId: string }> };

export function POST(request: Request, context: Context) {
  return respond(async () => {
    const params = await context.params;
    const questionId = pathParam(params.questionId, "questionId");
    const questionClaimId = pathParam(params.questionClaimId, "questionClaimId");
    const body = await readJsonBody(request);
    return reviewQuestionClaim(getDb(), await getActorFromRequest(request), { ...body, questionId, questionClaimId });
  });
}
