import "server-only";
import { visibleClaimsWhere } from "@/lib/claims/policy";
import {
  type ClaimCoreDto,
  type ClaimDetailDto,
  type ClaimLinesDto,
  getClaim,
  type OriginDto,
} from "@/lib/claims/queries";
import type { Db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { can, type MaybeActor } from "@/lib/permissions";
import { foldText } from "@/lib/text/fold";
import { suggestOrigins } from "./informants";
import { canEditOrigin } from "./policy";
import { ListOriginsSchema } from "./schemas";

/** An origin with how much visible evidence derives from it, on how many claims. */
export type OriginSummaryDto = OriginDto & {
  createdBy: { id: string; name: string | null } | null;
  /** Live pieces of evidence that derive from it, on claims the reader may see. */
  passages: number;
  /** How many of those claims. */
  claims: number;
  /** Whether the reader may rename it or change its note (lib/evidence/policy.ts). */
  canEdit: boolean;
};

/** "These 3 passages may share one origin: Orlov", with what to do in one click. */
export type OriginSuggestionDto = {
  informant: string;
  evidenceIds: string[];
  /** For each passage, the words that name the informant (fromContext: the sentence before the passage does). */
  passages: { evidenceId: string; phrase: string; fromContext: boolean }[];
  /** The origin some of them already derive from, which the others would join; else null. */
  origin: OriginDto | null;
  /** The name a new origin would get (an origin of that name elsewhere is reused). */
  suggestedName: string;
};

export type ClaimOriginsDto = {
  claimId: string;
  lines: ClaimLinesDto;
  /** The origins this claim's evidence derives from, with their use on every claim the reader may see. */
  origins: OriginSummaryDto[];
  /** Groupings to offer (never applied by themselves): passages naming the same informant. */
  suggestions: OriginSuggestionDto[];
};

/** The visible evidence deriving from an origin, for its use: how many passages on how many claims. */
function visibleEvidenceOf(actor: MaybeActor) {
  return { where: { removedAt: null, claim: visibleClaimsWhere(actor) }, select: { claimId: true } } as const;
}

/** How much evidence on how many claims derives from an origin, from its visible evidence (visibleEvidenceOf). */
function countUse(evidence: { claimId: string }[]): { passages: number; claims: number } {
  return { passages: evidence.length, claims: new Set(evidence.map((item) => item.claimId)).size };
}

/**
 * The groupings to offer on a claim (lib/evidence/informants.ts): its passages that name the same
 * informant, with the people named in its sources (and the claim's own) to join spellings of one
 * person. For a claim already read for this reader (readClaimCore or getClaim); `complete` gives
 * its paragraphs (completeClaim), awaited after the people are read.
 */
export async function originSuggestionsFor(
  db: Db,
  claim: ClaimCoreDto,
  complete: ClaimDetailDto | Promise<ClaimDetailDto>,
): Promise<OriginSuggestionDto[]> {
  if (claim.evidence.length < 2) return [];
  const sourceIds = [...new Set(claim.evidence.map((item) => item.source.sourceId))];
  const people = await db.person.findMany({
    where: {
      OR: [{ mentions: { some: { sourceId: { in: sourceIds } } } }, { claims: { some: { claimId: claim.id } } }],
    },
    select: { id: true, name: true, aliases: { select: { name: true, key: true } } },
  });
  const origins = new Map(claim.evidence.flatMap((item) => (item.origin ? [[item.origin.id, item.origin]] : [])));
  // The words before each passage in its paragraph name who is speaking; they come with the claim's
  // paragraphs, read at the same time as the people here.
  const { evidence } = await complete;
  return suggestOrigins(
    evidence.map((item) => ({
      evidenceId: item.id,
      text: item.passage.text,
      originId: item.origin?.id ?? null,
      before: item.context.before,
    })),
    people,
  ).map((suggestion) => ({
    informant: suggestion.informant,
    evidenceIds: suggestion.evidenceIds,
    passages: suggestion.passages,
    origin: suggestion.originId ? (origins.get(suggestion.originId) ?? null) : null,
    suggestedName: suggestion.suggestedName,
  }));
}

/**
 * The origins a claim's evidence derives from, with their use on every claim the reader may see,
 * and (when `suggest`) the groupings worth offering. For a claim already read for this reader
 * (readClaimCore or getClaim); `complete` is the same claim with its paragraphs.
 */
export async function claimOriginsOf(
  db: Db,
  actor: MaybeActor,
  claim: ClaimCoreDto,
  options: { suggest: boolean; complete: ClaimDetailDto | Promise<ClaimDetailDto> },
): Promise<Omit<ClaimOriginsDto, "claimId" | "lines">> {
  const own = new Map(claim.evidence.flatMap((item) => (item.origin ? [[item.origin.id, item.origin]] : [])));
  const ids = [...own.keys()];
  const [suggestions, stored] = await Promise.all([
    options.suggest ? originSuggestionsFor(db, claim, options.complete) : [],
    ids.length
      ? db.evidenceOrigin.findMany({
          where: { id: { in: ids } },
          select: {
            id: true,
            createdById: true,
            createdBy: { select: { id: true, name: true } },
            evidence: visibleEvidenceOf(actor),
          },
        })
      : [],
  ]);
  return {
    origins: [...own.values()].map((origin) => {
      const row = stored.find((candidate) => candidate.id === origin.id);
      return {
        ...origin,
        createdBy: row?.createdBy ?? null,
        ...countUse(row?.evidence ?? []),
        canEdit: canEditOrigin(actor, { createdById: row?.createdById ?? null }),
      };
    }),
    suggestions,
  };
}

/**
 * A claim's evidence as independent lines, the origins it derives from (with how much evidence
 * on how many claims derives from each), and the groupings worth offering to those who may group.
 */
export async function getClaimOrigins(db: Db, actor: MaybeActor, input: unknown): Promise<ClaimOriginsDto> {
  const claim = await getClaim(db, actor, input);
  const { origins, suggestions } = await claimOriginsOf(db, actor, claim, {
    suggest: claim.abilities.group,
    complete: claim,
  });
  return { claimId: claim.id, lines: claim.lines, origins, suggestions };
}

/**
 * Origins by name (any part of it, folded), those with the most visible evidence first: for naming
 * an origin one means to reuse, and for seeing what bears on many claims. An origin is listed to
 * whoever may see a claim citing it (or who named it): one named only on a draft says nothing to
 * those who may not read the draft.
 */
export async function listOrigins(db: Db, actor: MaybeActor, input: unknown = {}): Promise<OriginSummaryDto[]> {
  const { q, limit } = parseInput(ListOriginsSchema, input);
  const folded = q ? foldText(q) : "";
  const visible = can(actor, "read:claim:any")
    ? {}
    : {
        OR: [
          { evidence: { some: { claim: visibleClaimsWhere(actor) } } },
          ...(actor?.kind === "user" ? [{ createdById: actor.id }] : []),
        ],
      };
  const origins = await db.evidenceOrigin.findMany({
    where: { AND: [visible, folded ? { nameNormalized: { contains: folded } } : {}] },
    orderBy: [{ nameNormalized: "asc" }, { id: "asc" }],
    take: 1000,
    select: {
      id: true,
      name: true,
      note: true,
      createdById: true,
      createdBy: { select: { id: true, name: true } },
      // Its use, read in the same statement on PostgreSQL.
      evidence: visibleEvidenceOf(actor),
    },
  });
  return origins
    .map(({ createdById, evidence, ...origin }) => ({
      ...origin,
      ...countUse(evidence),
      canEdit: canEditOrigin(actor, { createdById }),
    }))
    .sort((a, b) => b.passages - a.passages || a.name.localeCompare(b.name))
    .slice(0, limit);
}
