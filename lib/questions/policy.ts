// Who may read which question, and which evidence makes a question's matrix. Pure: no database.

import { visibleClaimsWhere } from "@/lib/claims/policy";
import { claimRefWhere } from "@/lib/claims/refs";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { can, type MaybeActor } from "@/lib/permissions";

/** Published questions for everyone; pending and sent-back ones for moderators and their author. */
export function visibleQuestionsWhere(actor: MaybeActor): Prisma.QuestionWhereInput {
  if (can(actor, "read:claim:any")) return {};
  const published: Prisma.QuestionWhereInput = { status: { in: ["published", "archived"] } };
  if (actor?.kind === "user") return { OR: [published, { authorId: actor.id }] };
  return published;
}

/** A question is named by its id or its slug, read as a claim's reference is (ids and slugs never share a shape). */
export const questionRefWhere = claimRefWhere;

/**
 * The evidence that makes a question's columns: live evidence cited on its confirmed claims that
 * the reader may see (a claim merged into another no longer counts: its evidence moved with it).
 */
export function matrixColumnsWhere(questionId: string, actor: MaybeActor): Prisma.EvidenceWhereInput {
  return {
    removedAt: null,
    claim: {
      AND: [
        visibleClaimsWhere(actor),
        { mergedIntoId: null, questions: { some: { questionId, status: "confirmed" } } },
      ],
    },
  };
}

/** What a reader may do on a question's page. */
export function questionAbilities(
  actor: MaybeActor,
  question: { status: string },
): { mark: boolean; proposeClaim: boolean; review: boolean } {
  return {
    mark: actor?.kind === "user" && can(actor, "mark:matrix") && question.status === "published",
    proposeClaim: can(actor, "propose:revision") && question.status !== "archived",
    review: can(actor, "approve:revision:any"),
  };
}
