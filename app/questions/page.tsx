import Link from "next/link";
import { StatusBadge } from "@/components/ui/StatusBadge";
import { getRequestActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { can } from "@/lib/permissions";
import { listQuestions } from "@/lib/questions/queries";

export const dynamic = "force-dynamic";
export const metadata = { title: "Questions" };

export default async function QuestionsPage() {
  const actor = await getRequestActor();
  const questions = await listQuestions(getDb(), actor);
  return (
    <>
      <h1>Questions</h1>
      <p className="muted">
        A question groups the claims that compete to answer it (“Who was behind Kirov's murder?”), weighed against the
        same evidence at once.
      </p>
      {can(actor, "create:question") && (
        <p>
          <Link href="/questions/new">Ask a question</Link>
        </p>
      )}
      {questions.length === 0 && <p className="empty">No question yet.</p>}
      <ul className="stack">
        {questions.map((question) => (
          <li key={question.id} className="card">
            <Link href={`/questions/${question.slug}`}>{question.title}</Link>{" "}
            {question.status !== "published" && <StatusBadge status={question.status} />}
            <span className="small muted">
              {" "}
              · {question.claimCount} competing claim{question.claimCount === 1 ? "" : "s"}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
