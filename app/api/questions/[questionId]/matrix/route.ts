import { pathParam, respondRead } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { getQuestionMatrix } from "@/lib/questions/queries";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ questionId: string }> };

export function GET(request: Request, context: Context) {
  return respondRead(request, async () => {
    const questionId = pathParam((await context.params).questionId, "questionId");
    return getQuestionMatrix(getDb(), await getActorFromRequest(request), { questionId });
  });
}
