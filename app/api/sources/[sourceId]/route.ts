import { pathParam, queryParams, respond } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getSource } from "@/lib/sources/queries";

export const dynamic = "force-dynamic";

const KINDS = ["paragraph", "sentence", "selection"] as const;
type Kind = (typeof KINDS)[number];

export function GET(request: Request, context: { params: Promise<{ sourceId: string }> }) {
  return respond(async () => {
    const { sourceId } = await context.params;
    const { passages } = queryParams(request, ["passages"]);
    let passageKinds: Kind[] | undefined;
    if (passages !== undefined) {
      const requested = passages.split(",").map((kind) => kind.trim());
      const unknown = requested.find((kind) => !(KINDS as readonly string[]).includes(kind));
      if (unknown !== undefined) {
        throw new AppError("INVALID", `passages: "${unknown}" is not one of ${KINDS.join(", ")}`, {
          field: "passages",
        });
      }
      passageKinds = requested as Kind[];
    }
    return getSource(getDb(), await getActorFromRequest(request), pathParam(sourceId, "sourceId"), { passageKinds });
  });
}
