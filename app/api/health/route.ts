import { respond } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { getHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return respond(async () => getHealth(getDb(), await getActorFromRequest(request)));
}
