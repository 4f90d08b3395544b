import { redirect } from "next/navigation";
import { RevisionCard } from "@/components/moderation/RevisionCard";
import { ActionForm } from "@/components/ui/ActionForm";
import { getRequestActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { listMyProposals } from "@/lib/moderation/queries";
import { can } from "@/lib/permissions";
import { getViewer } from "@/lib/users/queries";
import { changePasswordAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Your account" };

export default async function AccountPage() {
  const actor = await getRequestActor();
  if (!actor) redirect("/signin?callbackUrl=/account");
  const db = getDb();
  const [viewer, proposals] = await Promise.all([
    getViewer(db, actor),
    can(actor, "read:revision:own") ? listMyProposals(db, actor) : [],
  ]);
  return (
    <>
      <h1>Your account</h1>
      <dl className="meta">
        <dt>Name</dt>
        <dd>{viewer?.name}</dd>
        <dt>Email</dt>
        <dd>{viewer?.email}</dd>
        <dt>Role</dt>
        <dd>{viewer?.role}</dd>
      </dl>
      <h2>Your proposals</h2>
      {proposals.length === 0 ? (
        <p className="empty">You have not proposed any change yet.</p>
      ) : (
        <div className="stack">
          {proposals.map((revision) => (
            <RevisionCard key={revision.id} revision={revision} showClaim />
          ))}
        </div>
      )}
      <h2>Change password</h2>
      <ActionForm action={changePasswordAction} submitLabel="Change password" className="stack-form card narrow">
        <label>
          Current password
          <input name="currentPassword" type="password" required autoComplete="current-password" maxLength={200} />
        </label>
        <label>
          New password (at least 10 characters)
          <input
            name="newPassword"
            type="password"
            required
            minLength={10}
            maxLength={200}
            autoComplete="new-password"
          />
        </label>
      </ActionForm>
    </>
  );
}
