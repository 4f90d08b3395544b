import { respond } from "@/lib/api/respond";
import { getDb } from "@/lib/db";
import { listSources } from "@/lib/sources/queries";

export const dynamic = "force-dynamic";

export function GET() {
  return respond(async () => ({ items: await listSources(getDb()) }));
}
