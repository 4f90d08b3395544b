import { redirect } from "next/navigation";
import { ActionForm } from "@/components/ui/ActionForm";
import { getRequestActor } from "@/lib/auth/actor";
import { can } from "@/lib/permissions";
import { createQuestionAction } from "../actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Ask a question" };

export default async function NewQuestionPage() {
  const actor = await getRequestActor();
  if (!actor) redirect("/signin?callbackUrl=/questions/new");
  if (!can(actor, "create:question")) {
    return <p className="empty">Your role lets you read questions; contributors and moderators ask them.</p>;
  }
  const direct = can(actor, "approve:revision:any");
  return (
    <>
      <h1>Ask a question</h1>
      <p className="muted">
        {direct
          ? "As a moderator, your question is published at once."
          : "Your question waits for a moderator's review before others see it."}{" "}
        Add the competing claims on its page once it exists.
      </p>
      <ActionForm action={createQuestionAction} submitLabel="Ask">
        <label>
          Question (5–300 characters)
          <input name="title" required minLength={5} maxLength={300} placeholder="Who was behind Kirov's murder?" />
        </label>
        <label>
          What it is about (optional, up to 5000 characters)
          <textarea name="description" maxLength={5000} rows={4} />
        </label>
      </ActionForm>
    </>
  );
}
