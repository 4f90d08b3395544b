import { queryParams, readJsonBody, respond, respondRead } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { createClaim } from "@/lib/claims/mutations";
import { listClaims } from "@/lib/claims/queries";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return respondRead(request, async () => {
    const params = queryParams(request, [
      "q",
      "person",
      "status",
      "page",
      "pageSize",
      "contested",
      "noContradicting",
      "minConfidence",
      "maxConfidence",
      "sort",
    ]);
    return listClaims(getDb(), await getActorFromRequest(request), params);
  });
}

export function POST(request: Request) {
  return respond(async () => {
    const body = await readJsonBody(request);
    return createClaim(getDb(), await getActorFromRequest(request), body);
  }, 201);
}
