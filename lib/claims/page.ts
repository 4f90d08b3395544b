import "server-only";
import { cachedPerReader } from "@/lib/cache/public-reads";
import { claimReviewOf } from "@/lib/claimreview/queries";
import { listRelatedClaims, readClaim } from "@/lib/claims/queries";
import { listClaimRelations } from "@/lib/claims/relations";
import { findSimilarClaims } from "@/lib/claims/similar";
import { listComments } from "@/lib/comments/queries";
import type { Db } from "@/lib/db";
import { claimOriginsOf, listOrigins } from "@/lib/evidence/queries";
import { getSentBackNote } from "@/lib/moderation/queries";
import type { MaybeActor } from "@/lib/permissions";
import { allOf } from "@/lib/promises";
import { listQuestionsForClaim } from "@/lib/questions/queries";
import { listClaimEvidenceRatings } from "@/lib/ratings/queries";
import { getEvidenceNamedBy, getOwnVote, getVoteTimeline, listVoteReasons } from "@/lib/votes/queries";

/**
 * Everything the claim page shows about a claim, as this reader may see it: one read, so a
 * reader's page is one remembered answer (lib/cache/public-reads.ts); every write makes it old. The
 * suggested evidence is not part of it: the page reads it from the API after it arrives (decision 0027).
 */
async function readClaimPage(db: Db, actor: MaybeActor, input: unknown) {
  // Read, not remembered on its own: the page's answer is what is kept.
  const claim = await readClaim(db, actor, input);
  const { abilities } = claim;
  // Every read below needs only the claim: all are started together, so on PostgreSQL a miss waits for
  // three rounds (the token, the claim, the rest at once), not one per read.
  const { lines, ...reads } = await allOf({
    ownVote: getOwnVote(db, actor, claim.id),
    timeline: abilities.seeFigures ? getVoteTimeline(db, claim.id) : [],
    voteReasons: listVoteReasons(db, actor, { claimId: claim.id }),
    comments: listComments(db, actor, claim.id),
    related: listRelatedClaims(db, actor, claim.id),
    relations: listClaimRelations(db, actor, { claimId: claim.id }),
    sentBack: claim.status === "draft" ? getSentBackNote(db, claim.id) : null,
    // schema.org ClaimReview for search engines, published claims only, with the figures this reader may see.
    claimReview: claimReviewOf(db, claim),
    questions: listQuestionsForClaim(db, actor, claim.id),
    // Each piece of evidence's credibility (the Admiralty code), and the reader's own ratings.
    credibility: listClaimEvidenceRatings(db, actor, { claimId: claim.id }),
    // How many voters named each piece as what moved them most (null: hidden by the vote-first rule).
    namedBy: getEvidenceNamedBy(db, actor, claim.id),
    // Lines of evidence: the origins the evidence derives from and, for members who may group, the
    // groupings worth making and the names of origins already in use (decision 0020).
    lines: claimOriginsOf(db, actor, claim, { suggest: abilities.group }),
    originNames: abilities.group ? listOrigins(db, actor, { limit: 200 }) : [],
    duplicates: abilities.merge
      ? findSimilarClaims(db, actor, { text: claim.statement, exclude: claim.id, limit: 5 })
      : [],
  });
  return { claim, ...reads, origins: lines.origins, originSuggestions: lines.suggestions };
}

export type ClaimPageDto = Awaited<ReturnType<typeof readClaimPage>>;

/** The claim page's data (`input`: `{ claimId }`, an id or a slug), remembered for each reader. */
export const getClaimPage = cachedPerReader("getClaimPage", readClaimPage);
