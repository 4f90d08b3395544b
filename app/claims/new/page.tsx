import { redirect } from "next/navigation";
import { PeopleRoleFields } from "@/components/claims/PeopleRoleFields";
import { StatementField } from "@/components/claims/StatementField";
import { ActionForm } from "@/components/ui/ActionForm";
import { getRequestActor } from "@/lib/auth/actor";
import { newClaimPolicy } from "@/lib/claims/policy";
import { getDb } from "@/lib/db";
import { listPeople } from "@/lib/people/queries";
import { createClaimAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "New claim" };

export default async function NewClaimPage() {
  const actor = await getRequestActor();
  if (!actor) redirect("/signin?callbackUrl=/claims/new");
  // Who may create, and in which status the claim starts: lib/claims/policy.ts.
  const policy = newClaimPolicy(actor);
  if (!policy.create) return <p className="empty">{policy.explanation}</p>;
  const people = await listPeople(getDb(), actor);
  return (
    <>
      <h1>New claim</h1>
      <p className="muted">{policy.explanation}</p>
      <ActionForm action={createClaimAction} submitLabel="Create claim">
        <StatementField />
        <PeopleRoleFields people={people} />
      </ActionForm>
    </>
  );
}
