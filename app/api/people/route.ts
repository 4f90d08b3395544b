import { queryParams, respondRead } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { listPeople } from "@/lib/people/queries";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return respondRead(request, async () => {
    return {
      items: await listPeople(getDb(), await getActorFromRequest(request), queryParams(request, ["q", "limit"])),
    };
  });
}
