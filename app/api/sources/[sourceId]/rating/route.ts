import { pathParam, readJsonBody, respond } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { rateSource, withdrawSourceRating } from "@/lib/ratings/mutations";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ sourceId: string }> };

export function PUT(request: Request, context: Context) {
  return respond(async () => {
    const sourceId = pathParam((await context.params).sourceId, "sourceId");
    const body = await readJsonBody(request);
    return rateSource(getDb(), await getActorFromRequest(request), { ...body, sourceId });
  });
}

export function DELETE(request: Request, context: Context) {
  return respond(async () => {
    const sourceId = pathParam((await context.params).sourceId, "sourceId");
    return withdrawSourceRating(getDb(), await getActorFromRequest(request), { sourceId });
  });
}
