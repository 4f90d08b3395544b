import Link from "next/link";
import { getDb } from "@/lib/db";
import { listSources } from "@/lib/sources/queries";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sources" };

export default async function SourcesPage() {
  const sources = await listSources(getDb());
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
                {source.passageCount} passages · cited {source.evidenceCount} time
                {source.evidenceCount === 1 ? "" : "s"}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
