import "server-only";
import { visibleClaimsWhere } from "@/lib/claims/policy";
import type { Db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { can, type MaybeActor } from "@/lib/permissions";
import { teamEvidenceRatings, teamSourceRatings } from "@/lib/ratings/queries";
import { analyseMatrix, cellKey, type Mark } from "./matrix";
import { matrixColumnsWhere, questionAbilities, questionRefWhere, visibleQuestionsWhere } from "./policy";
import { QuestionRefSchema } from "./schemas";

export type QuestionSummaryDto = {
  id: string;
  slug: string;
  title: string;
  status: string;
  claimCount: number;
  updatedAt: string;
};

export type QuestionClaimDto = {
  questionClaimId: string;
  status: "pending" | "confirmed";
  claim: { id: string; slug: string; statement: string; status: string };
  proposedBy: string | null;
  note: string | null;
  /** A moderator may confirm or reject it here. */
  canReview: boolean;
};

export type QuestionDto = {
  id: string;
  slug: string;
  title: string;
  description: string | null;
  status: string;
  reviewNote: string | null;
  author: string | null;
  claims: QuestionClaimDto[];
  abilities: ReturnType<typeof questionAbilities>;
};

/** The questions a reader may see, most recently changed first, with how many claims compete in each. */
export async function listQuestions(db: Db, actor: MaybeActor): Promise<QuestionSummaryDto[]> {
  const rows = await db.question.findMany({
    where: visibleQuestionsWhere(actor),
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    take: 200,
    select: {
      id: true,
      slug: true,
      title: true,
      status: true,
      updatedAt: true,
      _count: { select: { claims: { where: { status: "confirmed", claim: visibleClaimsWhere(actor) } } } },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    title: row.title,
    status: row.status,
    claimCount: row._count.claims,
    updatedAt: row.updatedAt.toISOString(),
  }));
}

/** A question with its competing claims: confirmed ones for everyone, pending ones for moderators and their proposer. */
export async function getQuestion(db: Db, actor: MaybeActor, input: unknown): Promise<QuestionDto> {
  const { questionId } = parseInput(QuestionRefSchema, input);
  const question = await db.question.findFirst({
    where: { AND: [questionRefWhere(questionId), visibleQuestionsWhere(actor)] },
    select: {
      id: true,
      slug: true,
      title: true,
      description: true,
      status: true,
      reviewNote: true,
      authorId: true,
      author: { select: { name: true } },
      claims: {
        where: {
          status: { in: ["pending", "confirmed"] },
          claim: { AND: [visibleClaimsWhere(actor), { mergedIntoId: null }] },
        },
        orderBy: [{ status: "asc" }, { createdAt: "asc" }],
        select: {
          id: true,
          status: true,
          note: true,
          proposedById: true,
          proposedBy: { select: { name: true } },
          claim: { select: { id: true, slug: true, statement: true, status: true } },
        },
      },
    },
  });
  if (!question) throw new AppError("NOT_FOUND", `questionId: no question "${questionId}"`, { field: "questionId" });
  const reviewer = can(actor, "approve:revision:any");
  return {
    id: question.id,
    slug: question.slug,
    title: question.title,
    description: question.description,
    status: question.status,
    // The reason a question was sent back is for its author and moderators.
    reviewNote: reviewer || (actor?.kind === "user" && actor.id === question.authorId) ? question.reviewNote : null,
    author: question.author?.name ?? null,
    claims: question.claims
      .filter(
        (row) => row.status === "confirmed" || reviewer || (actor?.kind === "user" && row.proposedById === actor.id),
      )
      .map((row) => ({
        questionClaimId: row.id,
        status: row.status as "pending" | "confirmed",
        claim: row.claim,
        proposedBy: row.proposedBy?.name ?? null,
        note: row.note,
        canReview: reviewer,
      })),
    abilities: questionAbilities(actor, question),
  };
}

export type MatrixColumnDto = {
  passageId: string;
  text: string;
  source: { id: string; title: string };
  url: string;
  /** The line of evidence it belongs to: its origin's name, or null for a line of its own. */
  origin: { id: string; name: string } | null;
  weight: number;
  reliability: string | null;
  credibility: number | null;
};

export type MatrixCellDto = {
  claimId: string;
  passageId: string;
  consensus: Mark;
  counts: Record<Mark, number>;
  disagreement: number;
  /** What the cell says for a member who has not marked it: the evidence's stance on that claim. */
  defaultMark: Mark;
  /** The reader's own mark, if they marked the cell. */
  own: Mark | null;
};

export type QuestionMatrixDto = {
  question: { id: string; slug: string; title: string; status: string };
  /** Claims in rows, best supported first: fewest weighted inconsistencies. */
  claims: { id: string; slug: string; statement: string; rank: number; inconsistency: number; consistency: number }[];
  columns: MatrixColumnDto[];
  cells: MatrixCellDto[];
  /** How many members have marked any cell: the consensus counts each of them once per cell. */
  markers: number;
  /** The evidence that best tells the claims apart, most first (at most five). */
  diagnostic: { passageId: string; spread: number }[];
  /** Lines of evidence which, if discredited, would change the ranking, and what it would become. */
  pivotal: { label: string; passageIds: string[]; leaderChanges: boolean; ranking: string[] }[];
  mayMark: boolean;
};

const DEFAULT_FROM_STANCE: Record<string, Mark> = {
  supports: "consistent",
  contradicts: "inconsistent",
  context: "neutral",
};

/**
 * A question's matrix: its confirmed claims in rows and the evidence cited on any of them in
 * columns (one column per passage), each cell with the team's consensus and disagreement, the
 * claims ranked by how little weighted evidence is inconsistent with them (weight: the source's
 * team reliability × the evidence's team credibility; one origin is one line), the evidence that
 * best separates them and what would change the ranking. Four reads plus the ratings' two.
 */
export async function getQuestionMatrix(db: Db, actor: MaybeActor, input: unknown): Promise<QuestionMatrixDto> {
  const { questionId } = parseInput(QuestionRefSchema, input);
  const question = await db.question.findFirst({
    where: { AND: [questionRefWhere(questionId), visibleQuestionsWhere(actor)] },
    select: {
      id: true,
      slug: true,
      title: true,
      status: true,
      claims: {
        where: { status: "confirmed", claim: { AND: [visibleClaimsWhere(actor), { mergedIntoId: null }] } },
        orderBy: { createdAt: "asc" },
        select: { claim: { select: { id: true, slug: true, statement: true } } },
      },
    },
  });
  if (!question) throw new AppError("NOT_FOUND", `questionId: no question "${questionId}"`, { field: "questionId" });
  const claims = question.claims.map((row) => row.claim);
  const evidence = await db.evidence.findMany({
    where: matrixColumnsWhere(question.id, actor),
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      claimId: true,
      stance: true,
      origin: { select: { id: true, name: true } },
      passage: {
        select: { id: true, text: true, sourceId: true, start: true, end: true, source: { select: { title: true } } },
      },
    },
  });
  const [reliability, credibility] = await Promise.all([
    teamSourceRatings(
      db,
      evidence.map((item) => item.passage.sourceId),
    ),
    teamEvidenceRatings(
      db,
      evidence.map((item) => item.id),
    ),
  ]);

  // One column per passage; cited on several claims, it weighs as its most credible citation does.
  const columns = new Map<string, MatrixColumnDto & { line: string }>();
  const stanceOn = new Map<string, Mark>();
  for (const item of evidence) {
    stanceOn.set(cellKey(item.claimId, item.passage.id), DEFAULT_FROM_STANCE[item.stance] ?? "neutral");
    const source = reliability.get(item.passage.sourceId)!;
    const rated = credibility.get(item.id)!;
    const weight = Math.round(source.weight * rated.weight * 1000) / 1000;
    const known = columns.get(item.passage.id);
    if (known) {
      if (weight > known.weight) Object.assign(known, { weight, credibility: rated.grade });
      if (!known.origin && item.origin) Object.assign(known, { origin: item.origin, line: `origin:${item.origin.id}` });
      continue;
    }
    columns.set(item.passage.id, {
      passageId: item.passage.id,
      text: item.passage.text,
      source: { id: item.passage.sourceId, title: item.passage.source.title },
      url: `/sources/${item.passage.sourceId}?at=${item.passage.start}-${item.passage.end}#found`,
      origin: item.origin,
      weight,
      reliability: source.grade,
      credibility: rated.grade,
      line: item.origin ? `origin:${item.origin.id}` : `passage:${item.passage.id}`,
    });
  }

  // Confirmed relations between the question's claims carry a cell's default across: evidence
  // supporting a claim is inconsistent with a claim it contradicts; evidence supporting a claim
  // is consistent with what that claim implies, and evidence against a consequence is against
  // the claim that implies it.
  const claimIds = claims.map((claim) => claim.id);
  const relations = await db.claimRelation.findMany({
    where: {
      status: "confirmed",
      kind: { in: ["contradicts", "implies"] },
      fromClaimId: { in: claimIds },
      toClaimId: { in: claimIds },
    },
    select: { fromClaimId: true, toClaimId: true, kind: true },
  });
  const carried = new Map<string, Mark>();
  const carry = (claimId: string, passageId: string, mark: Mark) => {
    const key = cellKey(claimId, passageId);
    // What was cited on the claim itself decides; between carried marks, inconsistency wins (ACH weighs what argues against).
    if (stanceOn.has(key)) return;
    if (carried.get(key) !== "inconsistent") carried.set(key, mark);
  };
  for (const item of evidence) {
    for (const relation of relations) {
      const on = item.claimId;
      if (relation.kind === "contradicts" && item.stance === "supports") {
        if (relation.fromClaimId === on) carry(relation.toClaimId, item.passage.id, "inconsistent");
        if (relation.toClaimId === on) carry(relation.fromClaimId, item.passage.id, "inconsistent");
      }
      if (relation.kind === "implies") {
        if (relation.fromClaimId === on && item.stance === "supports")
          carry(relation.toClaimId, item.passage.id, "consistent");
        if (relation.toClaimId === on && item.stance === "contradicts")
          carry(relation.fromClaimId, item.passage.id, "inconsistent");
      }
    }
  }

  const marks = await db.matrixMark.findMany({
    where: {
      questionId: question.id,
      claimId: { in: claims.map((claim) => claim.id) },
      passageId: { in: [...columns.keys()] },
    },
    select: { userId: true, claimId: true, passageId: true, mark: true },
  });
  const byMember = new Map<string, Map<string, Mark>>();
  for (const mark of marks) {
    const own = byMember.get(mark.userId) ?? new Map<string, Mark>();
    own.set(cellKey(mark.claimId, mark.passageId), mark.mark as Mark);
    byMember.set(mark.userId, own);
  }
  const defaultMark = (claimId: string, passageId: string): Mark =>
    stanceOn.get(cellKey(claimId, passageId)) ?? carried.get(cellKey(claimId, passageId)) ?? "neutral";
  const result = analyseMatrix({
    claims,
    columns: [...columns.values()].map((column) => ({
      key: column.passageId,
      weight: column.weight,
      line: column.line,
    })),
    defaultMark,
    marks: byMember,
  });

  const standing = new Map(result.ranking.map((item) => [item.claimId, item]));
  const statementOf = new Map(claims.map((claim) => [claim.id, claim.statement]));
  const mine = actor?.kind === "user" ? byMember.get(actor.id) : undefined;
  const lineLabel = (line: string, passageIds: string[]) => {
    const column = columns.get(passageIds[0]!)!;
    if (line.startsWith("origin:") && column.origin) return `${column.origin.name} (${passageIds.length} passages)`;
    return `“${column.text.length > 90 ? `${column.text.slice(0, 89)}…` : column.text}” (${column.source.title})`;
  };
  return {
    question: { id: question.id, slug: question.slug, title: question.title, status: question.status },
    claims: result.ranking.map((item) => {
      const claim = claims.find((candidate) => candidate.id === item.claimId)!;
      return { ...claim, rank: item.rank, inconsistency: item.inconsistency, consistency: item.consistency };
    }),
    columns: [...columns.values()].map(({ line: _line, ...column }) => column),
    cells: result.cells.map((cell) => ({
      claimId: cell.claimId,
      passageId: cell.columnKey,
      consensus: cell.consensus,
      counts: cell.counts,
      disagreement: Math.round(cell.disagreement * 100) / 100,
      defaultMark: defaultMark(cell.claimId, cell.columnKey),
      own: mine?.get(cellKey(cell.claimId, cell.columnKey)) ?? null,
    })),
    markers: byMember.size,
    diagnostic: result.diagnostic.slice(0, 5).map((item) => ({ passageId: item.columnKey, spread: item.spread })),
    pivotal: result.pivotal.map((item) => ({
      label: lineLabel(item.line, item.columnKeys),
      passageIds: item.columnKeys,
      leaderChanges: item.leaderChanges,
      ranking: item.ranking.map((claimId) => statementOf.get(claimId) ?? claimId),
    })),
    mayMark: questionAbilities(actor, question).mark && standing.size > 0,
  };
}

/** The questions a claim competes in (confirmed), that the reader may see: for the claim page. */
export async function listQuestionsForClaim(
  db: Db,
  actor: MaybeActor,
  claimId: string,
): Promise<{ slug: string; title: string }[]> {
  return db.question.findMany({
    where: { AND: [visibleQuestionsWhere(actor), { claims: { some: { claimId, status: "confirmed" } } }] },
    orderBy: { createdAt: "asc" },
    take: 20,
    select: { slug: true, title: true },
  });
}

/** Questions and their claims waiting for a moderator (the review queue). */
export async function listPendingQuestions(db: Db, actor: MaybeActor) {
  if (!can(actor, "approve:revision:any")) return { questions: [], claims: [] };
  const [questions, claims] = await Promise.all([
    db.question.findMany({
      where: { status: "pending_review" },
      orderBy: { createdAt: "asc" },
      take: 200,
      select: {
        id: true,
        slug: true,
        title: true,
        description: true,
        createdAt: true,
        author: { select: { name: true } },
      },
    }),
    db.questionClaim.findMany({
      where: { status: "pending" },
      orderBy: { createdAt: "asc" },
      take: 200,
      select: {
        id: true,
        note: true,
        createdAt: true,
        proposedBy: { select: { name: true } },
        question: { select: { slug: true, title: true } },
        claim: { select: { slug: true, statement: true } },
      },
    }),
  ]);
  return {
    questions: questions.map((question) => ({
      ...question,
      author: question.author?.name ?? null,
      createdAt: question.createdAt.toISOString(),
    })),
    claims: claims.map((row) => ({
      id: row.id,
      note: row.note,
      createdAt: row.createdAt.toISOString(),
      proposedBy: row.proposedBy?.name ?? null,
      question: row.question,
      claim: row.claim,
    })),
  };
}
