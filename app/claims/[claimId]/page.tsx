import Link from "next/link";
import { cache } from "react";
import { firstParam, orNotFound } from "@/app/_helpers";
import { reviewPendingClaimAction } from "@/app/review/actions";
import { ClaimList } from "@/components/claims/ClaimList";
import { EvidenceCard } from "@/components/claims/EvidenceCard";
import { EvidenceLineGroup, OriginSuggestionList } from "@/components/claims/EvidenceLines";
import { GroupEvidenceForm, OriginControls, RemoveEvidenceForm } from "@/components/claims/EvidenceMemberForms";
import { EvidenceNamedBy } from "@/components/claims/EvidenceNamedBy";
import { EvidenceNotice } from "@/components/claims/EvidenceNotice";
import { EvidenceTabs } from "@/components/claims/EvidenceTabs";
import { VoteControl } from "@/components/claims/VoteControl";
import { VoteSummary } from "@/components/claims/VoteSummary";
import { PendingClaimActions } from "@/components/moderation/PendingClaimActions";
import { CredibilityRating } from "@/components/ratings/CredibilityRating";
import { ActionForm } from "@/components/ui/ActionForm";
import { JsonLd } from "@/components/ui/JsonLd";
import { Markdown } from "@/components/ui/Markdown";
import { StatusBadge } from "@/components/ui/StatusBadge";
import { getRequestActor } from "@/lib/auth/actor";
import { getClaimPage } from "@/lib/claims/page";
import type { ClaimLinesDto, EvidenceDto } from "@/lib/claims/queries";
import { getDb } from "@/lib/db";
import { describeLines } from "@/lib/evidence/lines";
import { getEvidenceNotice } from "@/lib/evidence/notices";
import type { OriginSummaryDto } from "@/lib/evidence/queries";
import type { ClaimEvidenceRatingsDto } from "@/lib/ratings/queries";
import type { NamedByDto } from "@/lib/votes/queries";
import { deriveVerdict } from "@/lib/votes/verdict";
import {
  citeSuggestionAction,
  commentAction,
  confirmVoteAction,
  groupEvidenceAction,
  groupSuggestionAction,
  hideCommentAction,
  lockAction,
  mergeClaimAction,
  proposeRelationAction,
  rateEvidenceAction,
  removeEvidenceAction,
  restoreEvidenceAction,
  reviewRelationAction,
  setEvidenceOriginAction,
  undoCitationAction,
  updateOriginAction,
  voteAction,
  withdrawEvidenceRatingAction,
} from "./actions";
import { SuggestedEvidence } from "./SuggestedEvidence";

export const dynamic = "force-dynamic";

// As many as the page showed when it rendered them itself.
const SUGGESTIONS_SHOWN = 12;

type Params = Promise<{ claimId: string }>;

// Read once per request: generateMetadata and the page both need the claim.
const loadClaimPageOnce = cache(async (claimId: string) =>
  orNotFound(getClaimPage(getDb(), await getRequestActor(), { claimId: decodeURIComponent(claimId) })),
);

async function loadClaimPage(params: Params) {
  return loadClaimPageOnce((await params).claimId);
}

export async function generateMetadata({ params }: { params: Params }) {
  const { claim } = await loadClaimPage(params);
  return { title: claim.statement };
}

const passages = (count: number) => `${count} ${count === 1 ? "passage" : "passages"}`;

/** "3 independent lines (5 passages)": a side's heading counts lines, and passages where they differ. */
function sideCount(side: ClaimLinesDto[keyof ClaimLinesDto], stance: EvidenceDto["stance"]): string {
  if (stance === "context") return `(${side.passages})`;
  const lines = `${side.lines} independent ${side.lines === 1 ? "line" : "lines"}`;
  return side.passages > side.lines ? `: ${lines} (${passages(side.passages)})` : `: ${lines}`;
}

/** The sides of a claim's evidence, in the order they are shown (side by side, or as tabs on a phone). */
const SIDES = [
  { stance: "supports", title: "Supporting", empty: "No supporting evidence yet." },
  { stance: "contradicts", title: "Contradicting", empty: "No contradicting evidence yet." },
  { stance: "context", title: "Context", empty: "No context passages yet." },
] as const satisfies readonly { stance: EvidenceDto["stance"]; title: string; empty: string }[];

type EvidenceRemoval = { claimId: string; claimSlug: string; version: number; direct: boolean };

function EvidenceColumn({
  title,
  stance,
  side,
  evidence,
  origins,
  empty,
  credibility,
  namedBy,
  grouping,
  removal,
}: {
  title: string;
  stance: EvidenceDto["stance"];
  side: ClaimLinesDto[keyof ClaimLinesDto];
  evidence: ReadonlyMap<string, EvidenceDto>;
  origins: ReadonlyMap<string, OriginSummaryDto>;
  empty: string;
  credibility: ClaimEvidenceRatingsDto;
  namedBy: Record<string, NamedByDto> | null;
  /** The claim's id when the reader may group its evidence by origin; else null. */
  grouping: string | null;
  /** When the reader may take evidence away (an edit, direct or proposed), what the form needs; else null. */
  removal: EvidenceRemoval | null;
}) {
  const card = (id: string) => {
    const item = evidence.get(id)!;
    return (
      <EvidenceCard key={item.id} evidence={item}>
        <CredibilityRating
          rating={credibility.byEvidence[item.id]}
          rate={credibility.canRate ? rateEvidenceAction.bind(null, item.id) : null}
          withdraw={withdrawEvidenceRatingAction.bind(null, item.id)}
        />
        <EvidenceNamedBy named={namedBy?.[item.id]} />
        {grouping && (
          <OriginControls
            originName={item.origin?.name ?? null}
            takeOut={item.origin ? setEvidenceOriginAction.bind(null, item.id, null) : null}
            group={groupEvidenceAction.bind(null, grouping)}
            evidenceId={item.id}
          />
        )}
        {removal && (
          <RemoveEvidenceForm
            direct={removal.direct}
            remove={removeEvidenceAction.bind(null, removal.claimId, removal.claimSlug, item.id, removal.version)}
          />
        )}
      </EvidenceCard>
    );
  };
  // The region around it (a column beside the other sides, or a tab's panel on a phone) is EvidenceTabs'.
  return (
    <>
      <h2>
        {title}
        {sideCount(side, stance)}
      </h2>
      {side.passages === 0 ? (
        <p className="empty">{empty}</p>
      ) : (
        <div className="stack">
          {side.groups.map((group) => {
            if (!group.origin) return card(group.evidenceIds[0]!);
            const origin = origins.get(group.origin.id);
            return (
              <EvidenceLineGroup
                key={`origin-${group.origin.id}`}
                origin={group.origin}
                stance={stance}
                passages={group.evidenceIds.length}
                otherClaims={Math.max(0, (origin?.claims ?? 1) - 1)}
                actions={
                  origin?.canEdit && grouping ? (
                    <details className="small">
                      <summary>Rename or describe this origin (everywhere it is cited)</summary>
                      <ActionForm action={updateOriginAction.bind(null, group.origin.id)} submitLabel="Save">
                        <label>
                          Name
                          <input name="name" defaultValue={group.origin.name} required maxLength={200} />
                        </label>
                        <label>
                          Note (optional)
                          <input name="note" defaultValue={group.origin.note ?? ""} maxLength={1000} />
                        </label>
                      </ActionForm>
                    </details>
                  ) : null
                }
              >
                {group.evidenceIds.map(card)}
              </EvidenceLineGroup>
            );
          })}
        </div>
      )}
    </>
  );
}

export default async function ClaimPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const {
    claim,
    ownVote,
    timeline,
    voteReasons,
    comments,
    related,
    relations,
    sentBack,
    claimReview,
    questions,
    credibility,
    namedBy,
    origins,
    originSuggestions,
    originNames,
    duplicates,
  } = await loadClaimPage(params);
  const actor = await getRequestActor();
  // What was just cited, undone or removed here, with its undo (lib/evidence/notices.ts).
  const notice = await getEvidenceNotice(getDb(), actor, claim.id, firstParam((await searchParams).notice));
  const here = { claimSlug: claim.slug, page: "claim" as const };
  // What this reader may do here, and why not: decided in lib/claims/policy.ts, only shown here.
  const { abilities } = claim;
  const grouping = abilities.group ? claim.id : null;
  const removal: EvidenceRemoval | null = abilities.edit
    ? { claimId: claim.id, claimSlug: claim.slug, version: claim.version, direct: abilities.edit === "direct" }
    : null;
  const evidenceById = new Map(claim.evidence.map((item) => [item.id, item]));
  const originsById = new Map(origins.map((origin) => [origin.id, origin]));
  const quotes = Object.fromEntries(claim.evidence.map((item) => [item.id, item.passage.text]));
  const subjects = claim.people.filter((person) => person.role === "subject");
  const mentioned = claim.people.filter((person) => person.role === "mentioned");
  return (
    <>
      {claimReview && <JsonLd data={claimReview} />}
      <p className="small">
        <Link href="/claims">← Claims</Link>
      </p>
      <h1>{claim.statement}</h1>
      {claim.mergedInto && (
        <p className="warning">
          This claim was merged into <Link href={`/claims/${claim.mergedInto.slug}`}>{claim.mergedInto.statement}</Link>{" "}
          as a duplicate; its evidence, votes and discussion are there now. Its own history stays here.
        </p>
      )}
      <p>
        <StatusBadge status={claim.status} />{" "}
        <span className="muted small">
          {claim.author?.name ? `Proposed by ${claim.author.name} · ` : ""}updated{" "}
          <time dateTime={claim.updatedAt}>{claim.updatedAt.slice(0, 10)}</time>
        </span>
      </p>
      {sentBack && (
        <p className="warning">
          Sent back from review{sentBack.by ? ` by ${sentBack.by}` : ""} on{" "}
          <time dateTime={sentBack.at}>{sentBack.at.slice(0, 10)}</time>: {sentBack.reason}
        </p>
      )}
      {claim.status === "pending_review" && abilities.changeStatus && (
        <section className="card" aria-label="Review this claim">
          <p>
            This claim waits for review. Publishing makes it public and open to votes; sending it back returns it to its
            author as a draft, with your reason.
          </p>
          <PendingClaimActions
            publish={reviewPendingClaimAction.bind(null, claim.id, "publish")}
            sendBack={reviewPendingClaimAction.bind(null, claim.id, "send_back")}
          />
        </section>
      )}
      {subjects.length > 0 && (
        <p>
          About:{" "}
          {subjects.map((person, index) => (
            <span key={person.id}>
              {index > 0 && ", "}
              <Link href={`/people/${person.slug}`}>{person.name}</Link>
            </span>
          ))}
          {mentioned.length > 0 && (
            <span className="muted">
              {" "}
              · also mentions{" "}
              {mentioned.map((person, index) => (
                <span key={person.id}>
                  {index > 0 && ", "}
                  <Link href={`/people/${person.slug}`}>{person.name}</Link>
                </span>
              ))}
            </span>
          )}
        </p>
      )}
      <nav className="toolbar" aria-label="Claim actions">
        <a href="#evidence">Evidence</a>
        <a href="#discussion">Discussion ({comments.length})</a>
        <a href="#related">Related claims ({related.length})</a>
        <Link href={`/claims/${claim.slug}/history`}>History</Link>
        {abilities.cite && <Link href={`/claims/${claim.slug}/evidence/new`}>Add evidence</Link>}
        {abilities.edit && (
          <Link href={`/claims/${claim.slug}/edit`}>{abilities.edit === "direct" ? "Edit" : "Propose an edit"}</Link>
        )}
        {claim.locked && (
          <span className="badge" title={abilities.whyNot.edit?.reason}>
            Locked
          </span>
        )}
        {abilities.lock && (
          <ActionForm
            action={lockAction.bind(null, claim.id, !claim.locked)}
            submitLabel={claim.locked ? "Unlock" : "Lock"}
            tone="plain"
          />
        )}
        {!actor && <Link href={`/signin?callbackUrl=/claims/${claim.slug}`}>Sign in to vote or propose changes</Link>}
      </nav>

      <h2>What the team believes</h2>
      <VoteSummary
        votes={claim.votes}
        verdict={deriveVerdict(claim.votes)}
        // A vote on an earlier wording is in none of the figures: it is not marked among them.
        ownVote={ownVote && !ownVote.onEarlierWording ? ownVote.value : null}
        timeline={timeline}
        reasons={voteReasons}
        hiddenReason={abilities.whyNot.seeFigures?.reason}
      />
      {abilities.vote && ownVote?.onEarlierWording && (
        <section className="card" aria-label="Your vote on an earlier wording">
          <p>
            You voted {ownVote.value}% on an earlier wording (
            <time dateTime={ownVote.updatedAt}>{ownVote.updatedAt.slice(0, 10)}</time>
            ). Confirm it for the new wording, or change your vote below.
          </p>
          <ActionForm
            action={confirmVoteAction.bind(null, claim.id)}
            submitLabel={`Confirm ${ownVote.value}%`}
            className="inline-form"
          />
        </section>
      )}
      {abilities.vote ? (
        <VoteControl
          action={voteAction.bind(null, claim.id)}
          initial={ownVote?.value ?? null}
          initialReason={ownVote?.rationale ?? null}
          evidenceOptions={claim.evidence.map((item) => ({
            id: item.id,
            stance: item.stance,
            quote: item.passage.text,
          }))}
          initialEvidenceIds={ownVote?.evidenceIds ?? []}
        />
      ) : (
        <p className="small muted">
          {actor || claim.status !== "published" || claim.mergedInto ? (
            abilities.whyNot.vote?.reason
          ) : (
            <>
              <Link href={`/signin?callbackUrl=${encodeURIComponent(`/claims/${claim.slug}`)}`}>Sign in</Link> to vote:
              members give their own confidence before they see the team's.
            </>
          )}
        </p>
      )}

      <p className="lines-summary" id="evidence">
        <strong>{describeLines(claim.lines)}</strong>{" "}
        <span className="small muted">
          Passages that derive from one origin (a witness&apos;s account, a document, an earlier book) count as one
          line.
        </span>
      </p>
      {grouping && originSuggestions.length > 0 && (
        <section aria-label="Suggested groupings" className="origin-suggestions-section">
          <h2>Passages that may share one origin</h2>
          <p className="small muted">
            These passages name the same informant. Read them: if they repeat one account, group them, and they count as
            one line of evidence.
          </p>
          <OriginSuggestionList
            suggestions={originSuggestions}
            quotes={quotes}
            action={(suggestion) => (
              <ActionForm
                action={groupSuggestionAction.bind(
                  null,
                  claim.id,
                  suggestion.evidenceIds,
                  suggestion.origin?.id ?? null,
                  suggestion.suggestedName,
                )}
                submitLabel={
                  suggestion.origin
                    ? `Add them to “${suggestion.origin.name}”`
                    : `Group them as “${suggestion.suggestedName}”`
                }
                className="inline-form"
              />
            )}
          />
        </section>
      )}
      <EvidenceTabs
        panels={SIDES.map(({ stance, title, empty }) => ({
          stance,
          title,
          count: claim.lines[stance].passages,
          content: (
            <EvidenceColumn
              title={title}
              stance={stance}
              side={claim.lines[stance]}
              evidence={evidenceById}
              origins={originsById}
              empty={empty}
              credibility={credibility}
              namedBy={namedBy}
              grouping={grouping}
              removal={removal}
            />
          ),
        }))}
      />
      {grouping && claim.evidence.length > 1 && (
        <GroupEvidenceForm
          evidence={claim.evidence.map((item) => ({
            id: item.id,
            quote: item.passage.text,
            stance: item.stance,
            originName: item.origin?.name ?? null,
          }))}
          group={groupEvidenceAction.bind(null, claim.id)}
        />
      )}
      {grouping && (
        <datalist id="origin-names">
          {originNames.map((origin) => (
            <option key={origin.id} value={origin.name} />
          ))}
        </datalist>
      )}
      {abilities.cite && (
        <section id="suggested" aria-label="Suggested evidence">
          <h2>Suggested evidence</h2>
          <p className="small muted">
            Passages from every source that name this claim&apos;s people or event, not yet cited here, in two columns
            by the stance their words suggest (a guess from cues such as denials and who is named, not a judgement).
            Read each in its source and cite it on the side it really takes.
          </p>
          <SuggestedEvidence
            claimId={claim.id}
            citedPassageIds={claim.evidence.map((item) => item.passage.id)}
            limit={SUGGESTIONS_SHOWN}
            cite={citeSuggestionAction.bind(null, claim.id, claim.slug)}
          />
          <noscript>
            <p className="small">
              Without JavaScript the suggestions are on the{" "}
              <Link href={`/claims/${claim.slug}/evidence/new#suggested`}>Add evidence</Link> page.
            </p>
          </noscript>
        </section>
      )}

      {abilities.merge && (
        <details className="card" id="duplicates">
          <summary>Duplicates of this claim ({duplicates.length} likely)</summary>
          <p className="small muted">
            Merging moves the duplicate&apos;s evidence, votes (each member&apos;s latest), people and discussion here
            and archives it.
          </p>
          <ul>
            {duplicates.map((duplicate) => (
              <li key={duplicate.id}>
                <Link href={`/claims/${duplicate.slug}`}>{duplicate.statement}</Link>{" "}
                <span className="small muted">
                  ({Math.round(duplicate.similarity * 100)}% alike
                  {duplicate.opposite ? "; says the opposite, so probably not a duplicate" : ""})
                </span>
                <ActionForm
                  action={mergeClaimAction.bind(null, claim.id)}
                  submitLabel="Merge into this claim"
                  className="inline-form"
                  tone="plain"
                  confirm={`Merge “${duplicate.statement}” into this claim?`}
                >
                  <input type="hidden" name="from" value={duplicate.id} />
                </ActionForm>
              </li>
            ))}
          </ul>
          <ActionForm
            action={mergeClaimAction.bind(null, claim.id)}
            submitLabel="Merge into this claim"
            className="inline-form"
            tone="plain"
            confirm="Merge that claim into this one?"
          >
            <label>
              Another claim (its address or slug) <input name="from" required />
            </label>
          </ActionForm>
        </details>
      )}

      <section id="discussion" aria-label="Discussion">
        <h2>Discussion ({comments.length})</h2>
        {comments.length === 0 && <p className="empty">No comments yet.</p>}
        <ol className="comments">
          {comments.map((comment) => (
            <li key={comment.id} className={`card comment${comment.hidden ? " hidden-comment" : ""}`}>
              <p className="small muted">
                {comment.author?.name ?? "A former member"} ·{" "}
                <time dateTime={comment.createdAt}>{comment.createdAt.slice(0, 16).replace("T", " ")}</time>
                {comment.hidden && ` · hidden by a moderator${comment.hideReason ? `: ${comment.hideReason}` : ""}`}
              </p>
              {comment.body !== null ? (
                <Markdown source={comment.body} />
              ) : (
                <p className="muted">This comment was hidden by a moderator.</p>
              )}
              {abilities.hideComments && (
                <ActionForm
                  action={hideCommentAction.bind(null, comment.id, !comment.hidden)}
                  submitLabel={comment.hidden ? "Show again" : "Hide"}
                  tone="plain"
                />
              )}
            </li>
          ))}
        </ol>
        {abilities.comment ? (
          <ActionForm action={commentAction.bind(null, claim.id)} submitLabel="Post comment">
            <label>
              Add to the discussion (Markdown: **bold**, *italic*, [links](https://…), lists, &gt; quotes)
              <textarea name="body" required maxLength={10000} rows={4} />
            </label>
          </ActionForm>
        ) : (
          actor && <p className="small muted">{abilities.whyNot.comment?.reason}</p>
        )}
      </section>

      <section id="relations" aria-label="How this claim relates to others">
        <h2>How this claim relates to others ({relations.length})</h2>
        {relations.length === 0 ? (
          <p className="empty">No claim has been related to this one yet.</p>
        ) : (
          <ul>
            {relations.map((relation) => (
              <li key={relation.id}>
                {relation.label} <Link href={`/claims/${relation.other.slug}`}>{relation.other.statement}</Link>
                {relation.status === "pending" && (
                  <span className="badge"> proposed{relation.proposedBy ? ` by ${relation.proposedBy}` : ""}</span>
                )}
                {relation.note && <span className="small muted"> · {relation.note}</span>}
                {relation.canReview && (
                  <span className="toolbar">
                    <ActionForm
                      action={reviewRelationAction.bind(null, relation.id, "confirm")}
                      submitLabel="Confirm"
                      className="inline-form"
                      tone="plain"
                    />
                    <ActionForm
                      action={reviewRelationAction.bind(null, relation.id, "reject")}
                      submitLabel="Reject"
                      className="inline-form"
                      tone="plain"
                    />
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
        {abilities.relate && (
          <details>
            <summary>Relate another claim to this one</summary>
            <ActionForm action={proposeRelationAction.bind(null, claim.id)} submitLabel="Propose">
              <label>
                This claim
                <select name="kind" defaultValue="contradicts">
                  <option value="contradicts">contradicts</option>
                  <option value="implies">implies</option>
                  <option value="duplicate_of">is a duplicate of</option>
                </select>
              </label>
              <label>
                Another claim (its address or slug)
                <input name="otherClaimId" required maxLength={200} />
              </label>
              <label>
                Why (optional)
                <input name="note" maxLength={1000} />
              </label>
            </ActionForm>
          </details>
        )}
        <p className="small muted">
          Confirmed relations bring evidence across: what supports a claim this one contradicts is offered here as
          contradicting.
        </p>
        {questions.length > 0 && (
          <p>
            Competes to answer{" "}
            {questions.map((question, index) => (
              <span key={question.slug}>
                {index > 0 ? "; " : ""}
                <Link href={`/questions/${question.slug}`}>{question.title}</Link>
              </span>
            ))}
            , weighed against the other answers in one matrix.
          </p>
        )}
      </section>

      <section id="related" aria-label="Related claims">
        <h2>Related claims (same people)</h2>
        {related.length === 0 ? (
          <p className="empty">No other claim is about these people.</p>
        ) : (
          <ClaimList claims={related} />
        )}
      </section>
      {notice && (
        <EvidenceNotice
          notice={notice}
          closeHref={`/claims/${claim.slug}`}
          undo={
            <ActionForm
              action={
                notice.undo === "restore"
                  ? restoreEvidenceAction.bind(null, claim.id, claim.slug, notice.evidenceId)
                  : undoCitationAction.bind(null, here, notice.evidenceId)
              }
              submitLabel="Undo"
              className="inline-form"
              tone="plain"
            />
          }
        />
      )}
    </>
  );
}
