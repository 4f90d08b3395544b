import { apiDocsPage } from "@/lib/api/docs";
import { queryParams, respondBody } from "@/lib/api/respond";
import { getDb } from "@/lib/db";
import { getPublisher } from "@/lib/settings/publisher";

export const dynamic = "force-dynamic";

// proxy.ts gives every request a CSP nonce in the x-nonce header; the page's scripts need it.
export function GET(request: Request) {
  return respondBody(async () => {
    queryParams(request, []);
    const { name } = await getPublisher(getDb());
    return {
      body: apiDocsPage({ nonce: request.headers.get("x-nonce"), title: name }),
      contentType: "text/html; charset=utf-8",
    };
  });
}
