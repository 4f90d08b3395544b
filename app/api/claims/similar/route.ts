import { queryParams, respond } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { findSimilarClaims } from "@/lib/claims/similar";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return respond(async () => {
    const params = queryParams(request, ["text", "limit", "exclude"]);
    return { items: await findSimilarClaims(getDb(), await getActorFromRequest(request), params) };
  });
}
