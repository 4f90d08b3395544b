import { queryParams, respond } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { peopleNamedIn } from "@/lib/people/queries";

export const dynamic = "force-dynamic";

// A static segment: it comes before /api/people/{slug}, so "named-in" is never read as a person.
export function GET(request: Request) {
  return respond(async () => {
    return { items: await peopleNamedIn(getDb(), await getActorFromRequest(request), queryParams(request, ["text"])) };
  });
}
