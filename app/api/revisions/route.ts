import { respond } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { listReviewQueue } from "@/lib/moderation/queries";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return respond(async () => ({ items: await listReviewQueue(getDb(), await getActorFromRequest(request)) }));
}
