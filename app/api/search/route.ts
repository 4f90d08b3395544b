import { queryParams, respond } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { search } from "@/lib/search/queries";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return respond(async () => {
    const params = queryParams(request, ["q", "kind", "person", "source", "level", "page", "pageSize"]);
    return search(getDb(), await getActorFromRequest(request), params);
  });
}
