import Link from "next/link";
import { getRequestActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { listSources } from "@/lib/sources/queries";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sources" };

/** The same words as the source page's citations index, from the same counts. */
function citedText(evidence: number, passages: number): string {
  if (evidence === 0) return "not cited yet";
  return `cited ${evidence} time${evidence === 1 ? "" : "s"}, in ${passages} passage${passages === 1 ? "" : "s"}`;
}

export default async function SourcesPage() {
  const sources = await listSources(getDb(), await getRequestActor());
  return (
    <>
      <h1>Sources</h1>
      <p>
        <Link href="/sources/import">Import a source →</Link>
      </p>
      {sources.length === 0 ? (
        <p className="empty">
          No sources yet. Import one with <code>npm run import -- file.txt --title &quot;…&quot;</code>.
        </p>
      ) : (
        <ul className="claim-list">
          {sources.map((source) => (
            <li key={source.id} className="card">
              <Link className="statement" href={`/sources/${source.id}`}>
                {source.title}
              </Link>
              <p className="citation">{source.citation}</p>
              <p className="small muted">
                {source.versionNumber > 1 ? `version ${source.versionNumber} · ` : ""}
                {source.passageCount} passages · {citedText(source.evidenceCount, source.citedPassageCount)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
