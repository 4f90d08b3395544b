import { getOpenApiDocument } from "@/lib/api/openapi";
import { queryParams, respond } from "@/lib/api/respond";
import { getDb } from "@/lib/db";
import { publicUrl } from "@/lib/env";
import { getPublisher } from "@/lib/settings/publisher";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return respond(async () => {
    queryParams(request, []);
    const { name } = await getPublisher(getDb());
    return getOpenApiDocument({ serverUrl: publicUrl(), title: name });
  });
}
