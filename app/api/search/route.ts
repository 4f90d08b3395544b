import { queryParams, respondRead } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { search } from "@/lib/search/queries";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return respondRead(request, async () => {
    const params = queryParams(request, ["q", "kind", "person", "source", "level", "page", "pageSize"]);
    return search(getDb(), await getActorFromRequest(request), params);
  });
}
