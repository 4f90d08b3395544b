import { getDocsAsset } from "@/lib/api/docs";
import { queryParams, respondBody } from "@/lib/api/respond";

export const dynamic = "force-dynamic";

export function GET(request: Request, context: { params: Promise<{ file: string }> }) {
  return respondBody(async () => {
    queryParams(request, []);
    return getDocsAsset({ file: (await context.params).file });
  });
}
