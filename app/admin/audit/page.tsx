import Link from "next/link";
import { redirect } from "next/navigation";
import { firstParam } from "@/app/_helpers";
import { listAuditEvents } from "@/lib/audit/queries";
import { getRequestActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { can } from "@/lib/permissions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Audit log" };

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await getRequestActor();
  if (!actor) redirect("/signin?callbackUrl=/admin/audit");
  if (!can(actor, "read:audit")) return <p className="empty">Only admins read the audit log.</p>;
  const params = await searchParams;
  const filter = {
    action: firstParam(params.action),
    entityType: firstParam(params.entityType),
    entityId: firstParam(params.entityId),
    actor: firstParam(params.actor),
    page: firstParam(params.page),
  };
  let result: Awaited<ReturnType<typeof listAuditEvents>> | undefined;
  let problem: string | undefined;
  try {
    result = await listAuditEvents(getDb(), actor, filter);
  } catch (error) {
    if (!isAppError(error)) throw error;
    problem = error.message;
  }
  const pageLink = (page: number) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...filter, page: String(page) })) if (value) query.set(key, value);
    return `/admin/audit?${query}`;
  };
  return (
    <>
      <h1>Audit log</h1>
      <form className="filters" method="get">
        <label>
          Action starts with
          <input name="action" defaultValue={filter.action} placeholder="claim." maxLength={100} />
        </label>
        <label>
          Entity type
          <input name="entityType" defaultValue={filter.entityType} placeholder="Claim" maxLength={100} />
        </label>
        <label>
          Entity id
          <input name="entityId" defaultValue={filter.entityId} maxLength={64} />
        </label>
        <label>
          Actor (email or id)
          <input name="actor" defaultValue={filter.actor} maxLength={254} />
        </label>
        <button type="submit">Filter</button>
      </form>
      {problem && <p role="alert">{problem}</p>}
      {result && (
        <>
          <p className="muted small">{result.total} events</p>
          <table className="data small">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Entity</th>
                <th scope="col">Data</th>
              </tr>
            </thead>
            <tbody>
              {result.events.map((event) => (
                <tr key={event.id}>
                  <td>
                    <time dateTime={event.createdAt}>{event.createdAt.slice(0, 19).replace("T", " ")}</time>
                  </td>
                  <td>{event.actor?.email ?? "system"}</td>
                  <td>{event.action}</td>
                  <td>
                    {event.entityType} <code>{event.entityId}</code>
                  </td>
                  <td>
                    <code className="json">{JSON.stringify(event.data).slice(0, 400)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav className="pagination" aria-label="Pages">
            {result.page > 1 && <Link href={pageLink(result.page - 1)}>← Newer</Link>}
            <span>
              Page {result.page} of {result.totalPages}
            </span>
            {result.page < result.totalPages && <Link href={pageLink(result.page + 1)}>Older →</Link>}
          </nav>
        </>
      )}
    </>
  );
}
