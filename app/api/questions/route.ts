import { readJsonBody, respond, respondRead } from "@/lib/api/respond";
import { getActorFromRequest } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { createQuestion } from "@/lib/questions/mutations";
import { listQuestions } from "@/lib/questions/queries";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return respondRead(request, async () => ({
    items: await listQuestions(getDb(), await getActorFromRequest(request)),
  }));
}

// A moderator's question is published at once (201); a contributor's waits for review (202 Accepted).
export function POST(request: Request) {
  return respond(
    async () => createQuestion(getDb(), await getActorFromRequest(request), await readJsonBody(request)),
    (result) => (result.status === "published" ? 201 : 202),
  );
}
