import { queryParams, respond } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { listClaims } from "@/lib/claims/queries";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return respond(async () => {
    const params = queryParams(request, ["q", "person", "status", "page", "pageSize"]);
    return listClaims(getDb(), await getActorFromRequest(request), params);
  });
}
