import { respondBody } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { matrixCsv } from "@/lib/questions/csv";
import { getQuestionMatrix } from "@/lib/questions/queries";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ questionId: string }> };

export function GET(request: Request, context: Context) {
  return respondBody(async () => {
    const { questionId } = await context.params;
    const matrix = await getQuestionMatrix(getDb(), await getActorFromRequest(request), { questionId });
    return {
      body: matrixCsv(matrix),
      contentType: "text/csv; charset=utf-8",
      filename: `${matrix.question.slug}-matrix.csv`,
    };
  });
}
