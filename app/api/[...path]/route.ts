import { jsonResponse } from "@/lib/api/respond";

export const dynamic = "force-dynamic";

function notFound(request: Request) {
  const path = new URL(request.url).pathname;
  return jsonResponse({ error: { code: "NOT_FOUND", message: `No API endpoint ${path}.` } }, 404);
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
