import Link from "next/link";
import { firstParam, orNotFound } from "@/app/_helpers";
import { PendingClaimActions } from "@/components/moderation/PendingClaimActions";
import { QuestionMatrix } from "@/components/questions/QuestionMatrix";
import { ActionForm } from "@/components/ui/ActionForm";
import { StatusBadge } from "@/components/ui/StatusBadge";
import { getRequestActor } from "@/lib/auth/actor";
import { listClaims } from "@/lib/claims/queries";
import { getDb } from "@/lib/db";
import { getQuestion, getQuestionMatrix, type MatrixCellDto } from "@/lib/questions/queries";
import {
  markCellAction,
  proposeQuestionClaimAction,
  reviewQuestionAction,
  reviewQuestionClaimAction,
} from "../actions";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ questionId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props) {
  const { questionId } = await params;
  const question = await orNotFound(getQuestion(getDb(), await getRequestActor(), { questionId }));
  return { title: question.title };
}

export default async function QuestionPage({ params, searchParams }: Props) {
  const { questionId } = await params;
  const find = firstParam((await searchParams).find)?.slice(0, 200);
  const actor = await getRequestActor();
  const question = await orNotFound(getQuestion(getDb(), actor, { questionId }));
  const matrix = await getQuestionMatrix(getDb(), actor, { questionId: question.id });
  const inQuestion = new Set(question.claims.map((row) => row.claim.id));
  const found =
    find && question.abilities.proposeClaim
      ? (await listClaims(getDb(), actor, { q: find, pageSize: 10 })).items.filter((claim) => !inQuestion.has(claim.id))
      : [];
  const leader = matrix.claims[0];
  const columnNumber = new Map(matrix.columns.map((column, index) => [column.passageId, index + 1]));
  const statementOf = new Map(matrix.claims.map((claim) => [claim.id, claim.statement]));
  const markControl = matrix.mayMark
    ? (cell: MatrixCellDto, place: string) => (
        <ActionForm
          action={markCellAction.bind(null, question.id, cell.claimId, cell.passageId)}
          submitLabel="Mark"
          tone="plain"
          className="matrix-mark-form"
        >
          <label className="visually-hidden" htmlFor={`mark-${place}-${cell.claimId}-${cell.passageId}`}>
            Your mark for E{columnNumber.get(cell.passageId)} on “{statementOf.get(cell.claimId)}”
          </label>
          <select
            id={`mark-${place}-${cell.claimId}-${cell.passageId}`}
            name="mark"
            defaultValue={cell.own ?? "default"}
          >
            <option value="default">As cited ({cell.defaultMark})</option>
            <option value="consistent">Consistent</option>
            <option value="inconsistent">Inconsistent</option>
            <option value="neutral">Neutral</option>
          </select>
        </ActionForm>
      )
    : undefined;

  return (
    <article className="stack">
      <p className="small">
        <Link href="/questions">Questions</Link>
      </p>
      <h1>{question.title}</h1>
      <p>
        <StatusBadge status={question.status} />
        {question.author ? <span className="muted"> Asked by {question.author}</span> : null}
      </p>
      {question.description && <p>{question.description}</p>}
      {question.reviewNote && (
        <p className="notice" role="status">
          A moderator's note: {question.reviewNote}
        </p>
      )}
      {question.status === "pending_review" && question.abilities.review && (
        <PendingClaimActions
          publish={reviewQuestionAction.bind(null, question.id, "publish")}
          sendBack={reviewQuestionAction.bind(null, question.id, "send_back")}
        />
      )}

      <section aria-labelledby="competing">
        <h2 id="competing">Competing claims</h2>
        <p className="muted">
          Ranked as analysts weigh competing hypotheses: the claim with the least weighted evidence against it comes
          first. Each piece of evidence weighs its source's reliability × its credibility (A/1 0.9 … E/5 0.1, unrated
          0.5); passages from one origin count once, as their strongest. A cell takes the evidence's stance on that
          claim (supporting: consistent; contradicting: inconsistent; otherwise neutral) until members mark it; then the
          team's most common mark counts, each member once.
        </p>
        <QuestionMatrix matrix={matrix} markControl={markControl} />
        {leader && matrix.columns.length > 0 && (
          <p>
            <a href={`/questions/${question.slug}/matrix.csv`} download>
              Download the matrix (CSV)
            </a>
            {matrix.markers > 0 ? (
              <span className="muted"> · {matrix.markers} member(s) have marked cells</span>
            ) : (
              <span className="muted"> · no member has marked a cell yet: every cell follows the cited stance</span>
            )}
          </p>
        )}
      </section>

      {matrix.columns.length > 0 && matrix.claims.length > 1 && (
        <section aria-labelledby="what-would-change">
          <h2 id="what-would-change">What would change this</h2>
          {matrix.pivotal.length === 0 ? (
            <p>Discrediting any single line of evidence would leave the ranking as it is.</p>
          ) : (
            <ul className="stack">
              {matrix.pivotal.map((item) => (
                <li key={item.label}>
                  If <strong>{item.label}</strong> were discredited, the ranking would become:{" "}
                  {item.ranking.map((statement, index) => `${index + 1}. ${statement}`).join("; ")}
                  {item.leaderChanges ? " (a different claim would lead)" : ""}.
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      <section aria-labelledby="claims-list">
        <h2 id="claims-list">Claims in this question</h2>
        <ul className="stack">
          {question.claims.map((row) => (
            <li key={row.questionClaimId} className="card">
              <Link href={`/claims/${row.claim.slug}`}>{row.claim.statement}</Link>
              {row.status === "pending" && (
                <span className="muted">
                  {" "}
                  · waiting for a moderator{row.proposedBy ? ` (proposed by ${row.proposedBy})` : ""}
                </span>
              )}
              {row.canReview && (
                <div className="review-actions">
                  {row.status === "pending" && (
                    <ActionForm
                      action={reviewQuestionClaimAction.bind(null, row.questionClaimId, "confirm")}
                      submitLabel="Confirm"
                    />
                  )}
                  <ActionForm
                    action={reviewQuestionClaimAction.bind(null, row.questionClaimId, "reject")}
                    submitLabel={row.status === "pending" ? "Reject" : "Take out"}
                    confirm={
                      row.status === "pending"
                        ? undefined
                        : "Take this claim out of the question? It can be put back later; members' marks on it are kept."
                    }
                    tone="danger"
                  />
                </div>
              )}
            </li>
          ))}
        </ul>
        {question.abilities.proposeClaim && (
          <>
            <form method="get" className="inline-form">
              <label>
                Add a competing claim: find it by its words
                <input name="find" defaultValue={find ?? ""} maxLength={200} />
              </label>
              <button type="submit">Find</button>
            </form>
            {find && found.length === 0 && <p className="empty">No other claim matches “{find}”.</p>}
            <ul className="stack">
              {found.map((claim) => (
                <li key={claim.id}>
                  {claim.statement}{" "}
                  <ActionForm
                    action={proposeQuestionClaimAction.bind(null, question.id, claim.id)}
                    submitLabel="Add to this question"
                    tone="plain"
                  />
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </article>
  );
}
