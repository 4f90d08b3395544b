import Link from "next/link";
import { redirect } from "next/navigation";
import { acceptSuggestionAction, dismissSuggestionAction, settleMentionAction } from "@/app/sources/[sourceId]/actions";
import { PendingClaimActions } from "@/components/moderation/PendingClaimActions";
import { RevisionCard } from "@/components/moderation/RevisionCard";
import { VotesOnRewordingField } from "@/components/moderation/VotesOnRewordingField";
import { WordDiff } from "@/components/moderation/WordDiff";
import { AmbiguousMentionCard } from "@/components/people/AmbiguousMentionCard";
import { PersonSuggestionCard } from "@/components/people/PersonSuggestionCard";
import { ActionForm } from "@/components/ui/ActionForm";
import { getRequestActor } from "@/lib/auth/actor";
import { listPendingRelations } from "@/lib/claims/relations";
import { getDb } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import {
  listPendingClaims,
  listPendingReanchors,
  listReviewQueue,
  type PendingClaimDto,
  type PendingReanchorDto,
  type RevisionDto,
} from "@/lib/moderation/queries";
import {
  type AmbiguousMentionInSourceDto,
  countAmbiguousMentions,
  listAmbiguousMentionsEverywhere,
} from "@/lib/people/mentions";
import { countOpenPersonSuggestions, listPersonSuggestions, type PersonSuggestionDto } from "@/lib/people/suggestions";
import { can } from "@/lib/permissions";
import { listPendingQuestions } from "@/lib/questions/queries";
import { reviewQuestionAction, reviewQuestionClaimAction } from "../questions/actions";
import {
  approveAction,
  decideReanchorAction,
  rejectAction,
  reviewPendingClaimAction,
  reviewRelationFromQueueAction,
} from "./actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Review queue" };

// Each imported source can add up to 20 suggested names: the queue shows the first ones and
// sends the reader to the sources for the rest, so the page stays readable.
const PEOPLE_SHOWN = 50;

/** "and 12 more", linking to the sources whose pages list them all. */
function MoreInSources({ shown, total }: { shown: number; total: number }) {
  if (total <= shown) return null;
  return (
    <p className="small">
      and {total - shown} more: see <Link href="/sources">the sources</Link>, each lists its own.
    </p>
  );
}

export default async function ReviewPage() {
  const actor = await getRequestActor();
  if (!actor) redirect("/signin?callbackUrl=/review");
  let queue: RevisionDto[];
  let relations: Awaited<ReturnType<typeof listPendingRelations>>;
  let pendingClaims: PendingClaimDto[];
  let reanchors: PendingReanchorDto[];
  let questions: Awaited<ReturnType<typeof listPendingQuestions>>;
  let suggestions: PersonSuggestionDto[] = [];
  let ambiguous: AmbiguousMentionInSourceDto[] = [];
  let suggestionCount = 0;
  let ambiguousCount = 0;
  try {
    pendingClaims = await listPendingClaims(getDb(), actor);
    queue = await listReviewQueue(getDb(), actor);
    relations = await listPendingRelations(getDb(), actor);
    reanchors = await listPendingReanchors(getDb(), actor);
    questions = await listPendingQuestions(getDb(), actor);
    // The same permissions as on a source's page: adding people for suggestions, editing them for names.
    if (can(actor, "create:person")) {
      suggestions = await listPersonSuggestions(getDb(), actor, { limit: PEOPLE_SHOWN });
      suggestionCount = await countOpenPersonSuggestions(getDb(), actor);
    }
    if (can(actor, "update:person")) {
      ambiguous = await listAmbiguousMentionsEverywhere(getDb(), actor, { limit: PEOPLE_SHOWN });
      ambiguousCount = await countAmbiguousMentions(getDb(), actor);
    }
  } catch (error) {
    if (isAppError(error) && error.code === "FORBIDDEN") {
      return (
        <>
          <h1>Review queue</h1>
          <p className="empty">
            Only moderators review proposals. Your own proposals and their outcome are on your account page.
          </p>
        </>
      );
    }
    throw error;
  }
  return (
    <>
      <h1>Review queue</h1>
      <h2>New claims ({pendingClaims.length})</h2>
      <p className="muted">
        Publishing makes a claim public and open to votes; sending it back returns it to its author as a draft, with
        your reason on the claim.
      </p>
      {pendingClaims.length === 0 && <p className="empty">No new claim waits.</p>}
      <ul className="stack">
        {pendingClaims.map((claim) => (
          <li key={claim.id} className="card">
            <p>
              <Link href={`/claims/${claim.slug}`}>{claim.statement}</Link>
            </p>
            <p className="small muted">
              {claim.author?.name ? `By ${claim.author.name} · ` : ""}
              <time dateTime={claim.createdAt}>{claim.createdAt.slice(0, 10)}</time>
              {claim.people.length > 0 ? ` · about ${claim.people.join(", ")}` : ""}
            </p>
            <PendingClaimActions
              publish={reviewPendingClaimAction.bind(null, claim.id, "publish")}
              sendBack={reviewPendingClaimAction.bind(null, claim.id, "send_back")}
            />
          </li>
        ))}
      </ul>
      <h2>Proposed changes ({queue.length})</h2>
      <p className="muted">
        {queue.length} proposal{queue.length === 1 ? "" : "s"} waiting, oldest first. Approving applies the change at
        once; rejecting needs a reason the proposer will read.
      </p>
      {queue.length === 0 && <p className="empty">No proposed change waits.</p>}
      <div className="stack">
        {queue.map((revision) => (
          <RevisionCard key={revision.id} revision={revision} showClaim>
            <div className="review-actions">
              <ActionForm action={approveAction.bind(null, revision.id)} submitLabel="Approve">
                {revision.votesChoice && (
                  <VotesOnRewordingField votes={revision.votesChoice.votes} when="This proposal changes the words" />
                )}
                <label>
                  Note (optional)
                  <input name="note" maxLength={2000} />
                </label>
              </ActionForm>
              <ActionForm action={rejectAction.bind(null, revision.id)} submitLabel="Reject" tone="danger">
                <label>
                  Reason (shown to the proposer)
                  <input name="reason" required minLength={3} maxLength={2000} />
                </label>
              </ActionForm>
            </div>
          </RevisionCard>
        ))}
      </div>
      <h2>Relations between claims ({relations.length})</h2>
      {relations.length === 0 && <p className="empty">No proposed relation waits.</p>}
      <ul className="stack">
        {relations.map((relation) => (
          <li key={relation.id} className="card">
            <p>
              <Link href={`/claims/${relation.from.slug}`}>{relation.from.statement}</Link>{" "}
              <strong>{relation.label.toLowerCase()}</strong>{" "}
              <Link href={`/claims/${relation.to.slug}`}>{relation.to.statement}</Link>
            </p>
            <p className="small muted">
              Proposed{relation.proposedBy ? ` by ${relation.proposedBy}` : ""} ·{" "}
              <time dateTime={relation.createdAt}>{relation.createdAt.slice(0, 10)}</time>
              {relation.note ? ` · ${relation.note}` : ""}
            </p>
            <div className="review-actions">
              <ActionForm
                action={reviewRelationFromQueueAction.bind(null, relation.id, "confirm")}
                submitLabel="Confirm"
              >
                <label>
                  Note (optional)
                  <input name="note" maxLength={1000} />
                </label>
              </ActionForm>
              <ActionForm
                action={reviewRelationFromQueueAction.bind(null, relation.id, "reject")}
                submitLabel="Reject"
                tone="danger"
              >
                <label>
                  Note (optional)
                  <input name="note" maxLength={1000} />
                </label>
              </ActionForm>
            </div>
          </li>
        ))}
      </ul>
      <h2>Questions ({questions.questions.length + questions.claims.length})</h2>
      {questions.questions.length + questions.claims.length === 0 && (
        <p className="empty">No question, and no claim proposed for a question, waits.</p>
      )}
      <ul className="stack">
        {questions.questions.map((question) => (
          <li key={question.id} className="card">
            <p>
              New question: <Link href={`/questions/${question.slug}`}>{question.title}</Link>
            </p>
            <p className="small muted">
              Asked{question.author ? ` by ${question.author}` : ""} ·{" "}
              <time dateTime={question.createdAt}>{question.createdAt.slice(0, 10)}</time>
            </p>
            <PendingClaimActions
              publish={reviewQuestionAction.bind(null, question.id, "publish")}
              sendBack={reviewQuestionAction.bind(null, question.id, "send_back")}
            />
          </li>
        ))}
        {questions.claims.map((row) => (
          <li key={row.id} className="card">
            <p>
              <Link href={`/claims/${row.claim.slug}`}>{row.claim.statement}</Link> proposed as an answer to{" "}
              <Link href={`/questions/${row.question.slug}`}>{row.question.title}</Link>
            </p>
            <p className="small muted">
              Proposed{row.proposedBy ? ` by ${row.proposedBy}` : ""} ·{" "}
              <time dateTime={row.createdAt}>{row.createdAt.slice(0, 10)}</time>
              {row.note ? ` · ${row.note}` : ""}
            </p>
            <div className="review-actions">
              <ActionForm action={reviewQuestionClaimAction.bind(null, row.id, "confirm")} submitLabel="Confirm" />
              <ActionForm
                action={reviewQuestionClaimAction.bind(null, row.id, "reject")}
                submitLabel="Reject"
                tone="danger"
              />
            </div>
          </li>
        ))}
      </ul>
      <h2>Citations in a new version of their source ({reanchors.length})</h2>
      <p className="muted">
        A source was imported again in a new version, and these cited words were found there only with changes (or not
        certainly in one place). Confirm to move the citation to the new words; reject to keep it on the older version,
        where it stays readable and is flagged on its claim.
      </p>
      {reanchors.length === 0 && <p className="empty">No re-anchored citation waits.</p>}
      <ul className="stack">
        {reanchors.map((reanchor) => (
          <li key={reanchor.id} className="card">
            <p>
              {reanchor.stance} <Link href={`/claims/${reanchor.claim.slug}`}>{reanchor.claim.statement}</Link>
            </p>
            <p className="small muted">
              {reanchor.source.title}:{" "}
              <Link href={`/sources/${reanchor.source.fromSourceId}`}>version {reanchor.source.fromVersion}</Link> →{" "}
              <Link href={`/sources/${reanchor.source.toSourceId}`}>version {reanchor.source.toVersion}</Link>
              {reanchor.reason ? ` · ${reanchor.reason}` : ""}
            </p>
            <WordDiff changes={reanchor.changes} />
            <div className="review-actions">
              <ActionForm action={decideReanchorAction.bind(null, reanchor.id, "confirm")} submitLabel="Confirm" />
              <ActionForm
                action={decideReanchorAction.bind(null, reanchor.id, "reject")}
                submitLabel="Keep on the older version"
                tone="danger"
              />
            </div>
          </li>
        ))}
      </ul>
      {can(actor, "create:person") && (
        <>
          <h2>Suggested people ({suggestionCount})</h2>
          <p className="muted">
            Names that recur in a source and match nobody yet, the most named first. Adding one makes it a person and
            links every source that names it; the same name suggested by other sources is settled with it.
          </p>
          {suggestions.length === 0 && <p className="empty">No suggested person waits.</p>}
          <div className="stack">
            {suggestions.map((suggestion) => (
              <PersonSuggestionCard
                key={suggestion.id}
                suggestion={suggestion}
                source={suggestion.source}
                accept={acceptSuggestionAction.bind(null, suggestion.id)}
                dismiss={dismissSuggestionAction.bind(null, suggestion.id)}
              />
            ))}
          </div>
          <MoreInSources shown={suggestions.length} total={suggestionCount} />
        </>
      )}
      {can(actor, "update:person") && (
        <>
          <h2>Names that could be several people ({ambiguousCount})</h2>
          <p className="muted">
            A surname in a source that several known people share. Say who is meant there (or none of them); the choice
            is kept when the source is scanned again.
          </p>
          {ambiguous.length === 0 && <p className="empty">No ambiguous name waits.</p>}
          <div className="stack">
            {ambiguous.map((mention) => (
              <AmbiguousMentionCard
                key={`${mention.source.id} ${mention.surface}`}
                mention={mention}
                source={mention.source}
                settle={settleMentionAction.bind(null, mention.source.id, mention.surface)}
              />
            ))}
          </div>
          <MoreInSources shown={ambiguous.length} total={ambiguousCount} />
        </>
      )}
    </>
  );
}
