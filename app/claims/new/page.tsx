import { redirect } from "next/navigation";
import { StatementWithPeople } from "@/components/claims/StatementWithPeople";
import { ActionForm } from "@/components/ui/ActionForm";
import { getRequestActor } from "@/lib/auth/actor";
import { newClaimPolicy } from "@/lib/claims/policy";
import { getDb } from "@/lib/db";
import { loadPeoplePicker } from "@/lib/people/picker";
import { createClaimAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "New claim" };

export default async function NewClaimPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await getRequestActor();
  if (!actor) redirect("/signin?callbackUrl=/claims/new");
  // Who may create, and in which status the claim starts: lib/claims/policy.ts.
  const policy = newClaimPolicy(actor);
  if (!policy.create) return <p className="empty">{policy.explanation}</p>;
  // The query carries the form only when the people picker came back without JavaScript.
  const picker = await loadPeoplePicker(getDb(), actor, { params: await searchParams });
  return (
    <>
      <h1>New claim</h1>
      <p className="muted">{policy.explanation}</p>
      <ActionForm action={createClaimAction} submitLabel="Create claim">
        <StatementWithPeople picker={picker} page="/claims/new" />
      </ActionForm>
    </>
  );
}
