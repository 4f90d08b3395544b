import { pathParam, respondRead } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { getPerson } from "@/lib/people/queries";

export const dynamic = "force-dynamic";

export function GET(request: Request, context: { params: Promise<{ slug: string }> }) {
  return respondRead(request, async () => {
    const { slug } = await context.params;
    return getPerson(getDb(), await getActorFromRequest(request), { slug: pathParam(slug, "slug") });
  });
}
