import { respond } from "@/lib/api/respond";
import { getDb } from "@/lib/db";
import { getHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

export function GET() {
  return respond(() => getHealth(getDb()));
}
