import "server-only";
import { cachedPerReader } from "@/lib/cache/public-reads";
import { claimReviewOf } from "@/lib/claimreview/queries";
import { completeClaim, listRelatedClaims, readClaimCore } from "@/lib/claims/queries";
import { relationsOfVisibleClaim } from "@/lib/claims/relations";
import { findSimilarClaims, readKnownPeople } from "@/lib/claims/similar";
import { listComments } from "@/lib/comments/queries";
import type { Db } from "@/lib/db";
import { claimOriginsOf, listOrigins } from "@/lib/evidence/queries";
import { getSentBackNote } from "@/lib/moderation/queries";
import { can, type MaybeActor } from "@/lib/permissions";
import { allOf } from "@/lib/promises";
import { listQuestionsForClaim } from "@/lib/questions/queries";
import { listClaimEvidenceRatings } from "@/lib/ratings/queries";
import { getOwnVote, getVoteTimeline, namedByOf, voteReasonsOf } from "@/lib/votes/queries";

/**
 * Everything the claim page shows about a claim, as this reader may see it: one read, so a
 * reader's page is one remembered answer (lib/cache/public-reads.ts); every write makes it old. The
 * suggested evidence is not part of it: the page reads it from the API after it arrives (decision 0027).
 *
 * On a miss it waits for three round trips on PostgreSQL (tests/db/network-rounds.test.ts): the
 * cache's token, the claim, then everything else at once. Each read below needs only what the claim's
 * own statement gave (its id, people, evidence, wording and what this reader may do), so none waits
 * for another (none checks the claim's visibility again); the paragraphs around its evidence are read
 * with them.
 */
async function readClaimPage(db: Db, actor: MaybeActor, input: unknown) {
  // Those who may merge see the likely duplicates, found by the people a statement names: everyone's
  // spellings are read beside the claim, so the search for duplicates can start with the reads below.
  // (Read for nothing when the claim turns out not to be mergeable: a locked or merged claim.)
  const people = can(actor, "merge:claim") ? readKnownPeople(db) : null;
  // Marked as handled: if the claim is not found, its error is the one the reader gets.
  people?.catch(() => {});
  // Read, not remembered on its own: the page's answer is what is kept.
  const { claim: core, wording } = await readClaimCore(db, actor, input);
  const { abilities } = core;
  const complete = completeClaim(db, core);
  const member = actor?.kind === "user" ? actor : null;
  const { claim, lines, ...reads } = await allOf({
    claim: complete,
    ownVote: getOwnVote(db, actor, core.id),
    timeline: abilities.seeFigures ? getVoteTimeline(db, core.id, wording) : [],
    // Members only, and only with the figures: a reason beside its value is a figure (listVoteReasons).
    voteReasons: member && abilities.seeFigures ? voteReasonsOf(db, member, core.id) : null,
    comments: listComments(db, actor, core.id),
    related: listRelatedClaims(db, actor, core.id, { personIds: core.people.map((person) => person.id) }),
    relations: relationsOfVisibleClaim(db, actor, core.id),
    sentBack: core.status === "draft" ? getSentBackNote(db, core.id) : null,
    // schema.org ClaimReview for search engines, published claims only, with the figures this reader may see.
    claimReview: claimReviewOf(db, core),
    questions: listQuestionsForClaim(db, actor, core.id),
    // Each piece of evidence's credibility (the Admiralty code), and the reader's own ratings.
    credibility: listClaimEvidenceRatings(db, actor, { claimId: core.id }),
    // How many voters named each piece as what moved them most (null: hidden by the vote-first rule).
    namedBy: abilities.seeFigures
      ? namedByOf(
          db,
          core.id,
          core.evidence.map((item) => item.id),
        )
      : null,
    // Lines of evidence: the origins the evidence derives from and, for members who may group, the
    // groupings worth making and the names of origins already in use (decision 0020).
    lines: claimOriginsOf(db, actor, core, { suggest: abilities.group, complete }),
    originNames: abilities.group ? listOrigins(db, actor, { limit: 200 }) : [],
    duplicates: abilities.merge
      ? findSimilarClaims(
          db,
          actor,
          { text: core.statement, exclude: core.id, limit: 5 },
          { people: people ?? undefined },
        )
      : [],
  });
  return { claim, ...reads, origins: lines.origins, originSuggestions: lines.suggestions };
}

export type ClaimPageDto = Awaited<ReturnType<typeof readClaimPage>>;

/** The claim page's data (`input`: `{ claimId }`, an id or a slug), remembered for each reader. */
export const getClaimPage = cachedPerReader("getClaimPage", readClaimPage);
