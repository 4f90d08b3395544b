import { errorResponse } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { openWorkspaceExport } from "@/lib/workspace/export";

export const dynamic = "force-dynamic";

// The whole workspace as JSON Lines, for admins (decision 0014); `npm run restore` reads it.
export async function GET(request: Request) {
  try {
    const { stream, fileName } = await openWorkspaceExport(getDb(), await getActorFromRequest(request), getEnv());
    return new Response(stream, {
      headers: {
        "content-type": "application/jsonl; charset=utf-8",
        "content-disposition": `attachment; filename="${fileName}"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
