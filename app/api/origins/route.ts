import { queryParams, respond } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { listOrigins } from "@/lib/evidence/queries";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return respond(async () => {
    const params = queryParams(request, ["q", "limit"]);
    return listOrigins(getDb(), await getActorFromRequest(request), params);
  });
}
