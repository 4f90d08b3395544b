import { respond } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { readImportProgress } from "@/lib/sources/import-progress";

export const dynamic = "force-dynamic";

/** How far the import page's import has got (?token= as the form sent it); polled by the form while it imports. */
export function GET(request: Request) {
  return respond(async () =>
    readImportProgress(await getActorFromRequest(request), {
      token: new URL(request.url).searchParams.get("token") ?? undefined,
    }),
  );
}
