import { queryParams, respond } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { listPeople } from "@/lib/people/queries";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return respond(async () => {
    const { q } = queryParams(request, ["q"]);
    if (q !== undefined && q.length > 200)
      throw new AppError("INVALID", "q: must be at most 200 characters", { field: "q" });
    return { items: await listPeople(getDb(), await getActorFromRequest(request), { q }) };
  });
}
