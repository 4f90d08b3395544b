import { jsonLinesStream, queryParams, respondBody } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { claimReviewFeed } from "@/lib/claimreview/queries";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return respondBody(async () => {
    queryParams(request, []);
    const feed = claimReviewFeed(getDb(), await getActorFromRequest(request));
    return { body: jsonLinesStream(feed), contentType: "application/x-ndjson; charset=utf-8" };
  });
}
