import Link from "next/link";
import { ClaimList } from "@/components/claims/ClaimList";
import { getRequestActor } from "@/lib/auth/actor";
import { listClaims } from "@/lib/claims/queries";
import { getDb } from "@/lib/db";
import { getHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const db = getDb();
  const actor = await getRequestActor();
  const [recent, health] = await Promise.all([listClaims(db, actor, { pageSize: 5 }), getHealth(db, actor)]);
  return (
    <>
      <h1>Claims and the evidence for and against them</h1>
      <p className="muted">
        {/* The same count as the claims list shows this reader (drafts and pending claims only to those who see them). */}
        {recent.total} claim{recent.total === 1 ? "" : "s"} · {health.counts.evidence} pieces of evidence from{" "}
        {health.counts.sources} sources · {health.counts.people} people
      </p>
      <h2>Recently updated</h2>
      {recent.items.length === 0 ? (
        <p className="empty">
          No claims yet. Import a source (<Link href="/sources/import">Sources → Import</Link>, or{" "}
          <code>npm run import -- file.txt --title &quot;…&quot;</code>) and create the first claim.
        </p>
      ) : (
        <ClaimList claims={recent.items} />
      )}
      <p>
        <Link href="/claims">All claims →</Link>
      </p>
    </>
  );
}
