import { redirect } from "next/navigation";
import { PeopleRoleFields } from "@/components/claims/PeopleRoleFields";
import { StatementField } from "@/components/claims/StatementField";
import { ActionForm } from "@/components/ui/ActionForm";
import { getRequestActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { listPeople } from "@/lib/people/queries";
import { can } from "@/lib/permissions";
import { createClaimAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "New claim" };

export default async function NewClaimPage() {
  const actor = await getRequestActor();
  if (!actor) redirect("/signin?callbackUrl=/claims/new");
  if (!can(actor, "create:claim"))
    return <p className="empty">Your role can read claims but not create them. Ask an admin for contributor access.</p>;
  const people = await listPeople(getDb(), actor);
  return (
    <>
      <h1>New claim</h1>
      <p className="muted">
        {can(actor, "publish:claim")
          ? "As a moderator, your claim is published at once."
          : "Your claim waits for a moderator's review before it is published."}
      </p>
      <ActionForm action={createClaimAction} submitLabel="Create claim">
        <StatementField />
        <PeopleRoleFields people={people} />
      </ActionForm>
    </>
  );
}
