import Link from "next/link";
import { firstParam, pageHref } from "@/app/_helpers";
import { HighlightedSnippet } from "@/components/search/HighlightedSnippet";
import { getRequestActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { type SearchResultDto, search } from "@/lib/search/queries";
import { listSourceTitles } from "@/lib/sources/queries";

export const dynamic = "force-dynamic";
export const metadata = { title: "Search" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const KIND_LABELS = { passage: "Passages", claim: "Claims", source: "Sources", person: "People" } as const;

export default async function SearchPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const filters = {
    q: firstParam(params.q) ?? "",
    kind: firstParam(params.kind),
    person: firstParam(params.person),
    source: firstParam(params.source),
    level: firstParam(params.level),
    page: firstParam(params.page),
  };
  const db = getDb();
  const actor = await getRequestActor();
  const sources = await listSourceTitles(db);
  let result: SearchResultDto | undefined;
  let problem: string | undefined;
  if (filters.q.trim() || filters.person) {
    try {
      result = await search(db, actor, filters);
    } catch (error) {
      if (!isAppError(error)) throw error;
      problem = error.message;
    }
  }
  const pageLink = (page: number) => pageHref("/search", filters, page);
  const lastShown = result ? (result.page - 1) * result.pageSize + result.items.length : 0;
  return (
    <>
      <h1>Search</h1>
      <search>
        <form className="filters" method="get">
          <label>
            Words, &quot;a phrase&quot; or a prefix*
            <input type="search" name="q" defaultValue={filters.q} maxLength={200} />
          </label>
          <label>
            Kind
            <select name="kind" defaultValue={filters.kind ?? ""}>
              <option value="">Everything</option>
              {Object.entries(KIND_LABELS).map(([kind, label]) => (
                <option key={kind} value={kind}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Mentioning (any spelling)
            <input
              type="text"
              name="person"
              defaultValue={filters.person}
              maxLength={200}
              placeholder="e.g. Nikolayev"
            />
          </label>
          <label>
            Source
            <select name="source" defaultValue={filters.source ?? ""}>
              <option value="">All sources</option>
              {sources.map((source) => (
                <option key={source.id} value={source.id}>
                  {source.title}
                </option>
              ))}
            </select>
          </label>
          <label>
            Passages
            <select name="level" defaultValue={filters.level ?? "any"}>
              <option value="any">Sentences and paragraphs</option>
              <option value="sentence">Sentences</option>
              <option value="paragraph">Paragraphs</option>
            </select>
          </label>
          <button type="submit">Search</button>
        </form>
      </search>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {result && (
        <>
          <p className="small" aria-live="polite">
            {result.total === 0
              ? "Nothing found."
              : `${(result.page - 1) * result.pageSize + 1}–${lastShown} of ${result.totalIsCapped ? `more than ${result.total}` : result.total}`}
            {result.person && (
              <>
                {" "}
                mentioning <Link href={`/people/${result.person.slug}`}>{result.person.name}</Link> under any spelling
              </>
            )}
          </p>
          <ol className="search-results" start={(result.page - 1) * result.pageSize + 1}>
            {result.items.map((item) => (
              <li key={`${item.kind}-${item.id}`}>
                <div className="small">
                  <span className="badge">{item.kind === "passage" ? item.passage!.kind : item.kind}</span>{" "}
                  <Link href={item.url}>{item.title}</Link>
                  {item.exactPhrase && <span className="badge">exact phrase</span>}
                  {item.claim && item.claim.status !== "published" && (
                    <span className="badge">{item.claim.status.replace("_", " ")}</span>
                  )}
                </div>
                {item.kind !== "claim" && item.kind !== "source" && (
                  <p>
                    <HighlightedSnippet
                      snippet={item.snippet}
                      whole={item.passage ? { start: item.passage.start, end: item.passage.end } : undefined}
                    />
                  </p>
                )}
                {item.kind === "claim" && (
                  <p>
                    <HighlightedSnippet snippet={item.snippet} />
                  </p>
                )}
              </li>
            ))}
          </ol>
          <nav className="pagination small" aria-label="Pages">
            {result.page > 1 && <Link href={pageLink(result.page - 1)}>← Previous</Link>}{" "}
            {lastShown < result.total && <Link href={pageLink(result.page + 1)}>Next →</Link>}
          </nav>
        </>
      )}
    </>
  );
}
