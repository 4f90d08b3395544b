import Link from "next/link";
import { ClaimList } from "@/components/claims/ClaimList";
import { getRequestActor } from "@/lib/auth/actor";
import { listClaims } from "@/lib/claims/queries";
import { getDb } from "@/lib/db";
import { getHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const db = getDb();
  const [recent, health] = await Promise.all([listClaims(db, await getRequestActor(), { pageSize: 5 }), getHealth(db)]);
  return (
    <>
      <h1>Claims and the evidence for and against them</h1>
      <p className="muted">
        {health.counts.claims} claims · {health.counts.evidence} pieces of evidence from {health.counts.sources} sources
        · {health.counts.people} people
      </p>
      <h2>Recently updated</h2>
      {recent.items.length === 0 ? (
        <p className="empty">
          No claims yet. Load the sample corpus with <code>npm run db:seed</code>, or import a source with{" "}
          <code>npm run import -- file.txt --title &quot;…&quot;</code>.
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
