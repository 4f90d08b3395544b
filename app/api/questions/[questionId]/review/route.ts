import { pathParam, readJsonBody, respond } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { reviewQuestion } from "@/lib/questions/mutations";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ questionId: string }> };

export function POST(request: Request, context: Context) {
  return respond(async () => {
    const questionId = pathParam((await context.params).questionId, "questionId");
    const body = await readJsonBody(request);
    return reviewQuestion(getDb(), await getActorFromRequest(request), { ...body, questionId });
  });
}
