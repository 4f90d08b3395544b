import { headers } from "next/headers";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ActionForm } from "@/components/ui/ActionForm";
import { getRequestActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { can, ROLES } from "@/lib/permissions";
import { getPublisher } from "@/lib/settings/publisher";
import { getRegistrationMode } from "@/lib/settings/registration";
import { REGISTRATION_MODES } from "@/lib/settings/schemas";
import { listInvitations, listUsers } from "@/lib/users/accounts";
import {
  createInvitationAction,
  publisherAction,
  registrationModeAction,
  signOutEverywhereAction,
  updateUserAction,
} from "./actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Users" };

export default async function AdminUsersPage() {
  const actor = await getRequestActor();
  if (!actor) redirect("/signin?callbackUrl=/admin/users");
  if (!can(actor, "manage:users")) return <p className="empty">Only admins manage users.</p>;
  const db = getDb();
  const [users, invitations, mode, publisher] = await Promise.all([
    listUsers(db, actor),
    listInvitations(db, actor),
    getRegistrationMode(db),
    getPublisher(db),
  ]);
  const requestHeaders = await headers();
  const origin = `${requestHeaders.get("x-forwarded-proto") ?? "http"}://${requestHeaders.get("host") ?? "localhost:3000"}`;
  return (
    <>
      <h1>Users</h1>
      <p>
        <Link href="/admin/audit">Audit log →</Link>
      </p>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role and access</th>
            <th scope="col">Sessions</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <td>{user.name}</td>
              <td>{user.email}</td>
              <td>
                {!user.abilities.changeRole && !user.abilities.setActive ? (
                  <>
                    {user.role}, {user.active ? "active" : "inactive"}{" "}
                    <span className="small muted">({user.abilities.whyNot.changeRole})</span>
                  </>
                ) : (
                  <ActionForm
                    action={updateUserAction.bind(null, user.id)}
                    submitLabel="Save"
                    className="inline-form"
                    tone="plain"
                  >
                    <label>
                      <span className="visually-hidden">Role of {user.email}</span>
                      <select name="role" defaultValue={user.role}>
                        {ROLES.map((role) => (
                          <option key={role}>{role}</option>
                        ))}
                      </select>
                    </label>
                    <label className="checkbox">
                      <input type="checkbox" name="active" defaultChecked={user.active} /> active
                    </label>
                  </ActionForm>
                )}
              </td>
              <td>
                {user.activeSessions === 0 ? (
                  <span className="small muted">none</span>
                ) : (
                  <ActionForm
                    action={signOutEverywhereAction.bind(null, user.id)}
                    submitLabel="Sign out everywhere"
                    className="inline-form"
                    tone="danger"
                    confirm={`End all ${user.activeSessions} session(s) of ${user.email ?? user.name ?? "this member"}${user.id === actor.id ? ", yours included" : ""}?`}
                  >
                    <span className="small">{user.activeSessions} active</span>
                  </ActionForm>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Registration</h2>
      <ActionForm action={registrationModeAction} submitLabel="Save" className="inline-form">
        <label>
          New accounts
          <select name="mode" defaultValue={mode}>
            {REGISTRATION_MODES.map((value) => (
              <option key={value} value={value}>
                {value === "open" ? "open to anyone" : value === "invitation" ? "by invitation only" : "closed"}
              </option>
            ))}
          </select>
        </label>
      </ActionForm>

      <h2>Publisher</h2>
      <p className="small muted">
        Named as the author and publisher of every fact check in the claim pages' structured data (schema.org
        ClaimReview) and in <a href="/api/claimreview.jsonl">the ClaimReview feed</a>.
      </p>
      <ActionForm action={publisherAction} submitLabel="Save" className="inline-form">
        <label>
          Name <input name="name" defaultValue={publisher.name} required maxLength={200} />
        </label>
        <label>
          Web address <input name="url" type="url" defaultValue={publisher.url} maxLength={2000} />
        </label>
      </ActionForm>

      <h2>Invitations</h2>
      <ActionForm
        action={createInvitationAction.bind(null, origin)}
        submitLabel="Create invitation link"
        className="inline-form"
      >
        <label>
          Role
          <select name="role" defaultValue="contributor">
            {ROLES.map((role) => (
              <option key={role}>{role}</option>
            ))}
          </select>
        </label>
        <label>
          For email (optional)
          <input name="email" type="email" maxLength={254} />
        </label>
        <label>
          Valid for days
          <input name="expiresInDays" type="number" min={1} max={30} defaultValue={7} />
        </label>
      </ActionForm>
      {invitations.length > 0 && (
        <table className="data small">
          <thead>
            <tr>
              <th scope="col">Created</th>
              <th scope="col">Role</th>
              <th scope="col">For</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {invitations.map((invitation) => (
              <tr key={invitation.id}>
                <td>{invitation.createdAt.toISOString().slice(0, 10)}</td>
                <td>{invitation.role}</td>
                <td>{invitation.email ?? "anyone with the link"}</td>
                <td>
                  {invitation.usedAt
                    ? `used by ${invitation.usedBy?.email ?? "a deleted user"}`
                    : invitation.expiresAt.getTime() < Date.now()
                      ? "expired"
                      : `open until ${invitation.expiresAt.toISOString().slice(0, 10)}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
