import Link from "next/link";
import { cache } from "react";
import { firstParam, orNotFound } from "@/app/_helpers";
import { AmbiguousMentionCard } from "@/components/people/AmbiguousMentionCard";
import { PersonSuggestionCard } from "@/components/people/PersonSuggestionCard";
import { CitationFormats } from "@/components/sources/CitationFormats";
import { ImportSummary } from "@/components/sources/ImportSummary";
import { SourceReader } from "@/components/sources/SourceReader";
import type { CitationMark } from "@/components/sources/SourceText";
import { ActionForm } from "@/components/ui/ActionForm";
import { CopyButton } from "@/components/ui/CopyButton";
import { getRequestActor } from "@/lib/auth/actor";
import { sourceToCsl } from "@/lib/citations/csl";
import { citationExports } from "@/lib/citations/format";
import { formatPartialDate } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { listAmbiguousMentions, listSourceMentions } from "@/lib/people/mentions";
import { listPersonSuggestions } from "@/lib/people/suggestions";
import { can } from "@/lib/permissions";
import { highlightParagraphs } from "@/lib/sources/highlight";
import { getImportSummary, getSourcePage } from "@/lib/sources/queries";
import { SPAN_PATTERN } from "@/lib/sources/schemas";
import { acceptSuggestionAction, dismissSuggestionAction, rescanMentionsAction, settleMentionAction } from "./actions";
import { SourceReliability } from "./reliability";

export const dynamic = "force-dynamic";

type Params = Promise<{ sourceId: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The source and the page of its text the address asks for: `?page=`, or the page of `?at=` or `?passage=`. */
const loadSource = cache(async (sourceId: string, page?: string, at?: string, passage?: string) =>
  orNotFound(
    getSourcePage(getDb(), await getRequestActor(), {
      sourceId: decodeURIComponent(sourceId),
      page,
      // A span that is not one (a mangled link) marks nothing, as it always did.
      at: at && SPAN_PATTERN.test(at) ? at : undefined,
      passage,
    }),
  ),
);

async function load(params: Params, searchParams: SearchParams) {
  const [{ sourceId }, query] = await Promise.all([params, searchParams]);
  return loadSource(sourceId, firstParam(query.page), firstParam(query.at), firstParam(query.passage));
}

export async function generateMetadata({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const source = await load(params, searchParams);
  return { title: source.reader.pageCount > 1 ? `${source.title} (page ${source.reader.page})` : source.title };
}

export default async function SourcePage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const source = await load(params, searchParams);
  const { reader } = source;
  const { found } = reader;
  const query = await searchParams;
  const actor = await getRequestActor();
  const db = getDb();
  const canSettle = can(actor, "update:person");
  // Independent of each other: read together, not one after another.
  const [mentioned, ambiguous, suggestions] = await Promise.all([
    listSourceMentions(db, source.id),
    canSettle ? listAmbiguousMentions(db, source.id) : [],
    can(actor, "create:person") ? listPersonSuggestions(db, actor, { sourceId: source.id }) : [],
  ]);
  const citations = source.cited.reduce((sum, cited) => sum + cited.evidence.length, 0);
  const paragraphs = highlightParagraphs<CitationMark>(
    reader.text,
    reader.paragraphs,
    [
      ...(found ? [{ ...found, data: { passageId: "found", evidence: [], found: true } }] : []),
      ...source.cited
        .filter((cited) => cited.end > reader.start && cited.start < reader.end)
        .map((cited) => ({
          start: cited.start,
          end: cited.end,
          data: { passageId: cited.passageId, evidence: cited.evidence },
        })),
    ],
    reader.start,
  );
  const pageLink = (page: number) => `/sources/${encodeURIComponent(source.id)}?page=${page}`;
  const pages = (label: string) =>
    reader.pageCount > 1 ? (
      <nav className="pagination small" aria-label={label}>
        {reader.page > 1 && <Link href={pageLink(reader.page - 1)}>← Previous page</Link>}{" "}
        <span>
          Page {reader.page} of {reader.pageCount}
        </span>{" "}
        {reader.page < reader.pageCount && <Link href={pageLink(reader.page + 1)}>Next page →</Link>}
      </nav>
    ) : null;
  return (
    <>
      <p className="small">
        <Link href="/sources">← Sources</Link>
      </p>
      <h1>{source.title}</h1>
      {query.imported === "1" && (
        <ImportSummary summary={await getImportSummary(db, actor, { sourceId: source.id })} canAddPeople={canSettle} />
      )}
      {source.newestVersion && (
        <p className="warning" role="note">
          This is version {source.versionNumber}. A newer version exists:{" "}
          <Link href={`/sources/${source.newestVersion.sourceId}`}>version {source.newestVersion.versionNumber}</Link>.
          Citations that could not move to it still point here.
        </p>
      )}
      {source.reanchored && (
        <p className="small" role="status">
          Version {source.versionNumber}: of the citations of version {source.versionNumber - 1},{" "}
          {source.reanchored.moved} moved here, {source.reanchored.waiting} wait for a moderator to confirm changed
          words, and {source.reanchored.lost} stay on the older version (their words were not found, or a moderator kept
          them there).
        </p>
      )}
      <dl className="meta small">
        {source.authors.length > 0 && (
          <>
            <dt>Author</dt>
            <dd>{source.authors.join(", ")}</dd>
          </>
        )}
        {source.publisher && (
          <>
            <dt>Publisher</dt>
            <dd>{source.publisher}</dd>
          </>
        )}
        {source.publishedDate && (
          <>
            <dt>Published</dt>
            <dd>{formatPartialDate(source.publishedDate)}</dd>
          </>
        )}
        {source.url && (
          <>
            <dt>URL</dt>
            <dd>
              <a href={source.url} rel="noopener noreferrer nofollow">
                {source.url}
              </a>
            </dd>
          </>
        )}
        {source.accessedDate && (
          <>
            <dt>Accessed</dt>
            <dd>{formatPartialDate(source.accessedDate)}</dd>
          </>
        )}
        <dt>Cite as</dt>
        <dd>
          {source.citation} <CopyButton text={source.citation} />
        </dd>
        <SourceReliability sourceId={source.id} />
        <dt>Export</dt>
        <dd>
          <CitationFormats
            options={citationExports(sourceToCsl(source)).map((entry) => ({
              ...entry,
              href: `/api/sources/${encodeURIComponent(source.id)}/citation?format=${entry.format}`,
            }))}
          />
        </dd>
        {mentioned.length > 0 && (
          <>
            <dt>People mentioned</dt>
            <dd>
              {mentioned.map((person, index) => (
                <span key={person.slug}>
                  {index > 0 && ", "}
                  <Link href={`/people/${person.slug}`} title={`Written: ${person.spellings.join(", ")}`}>
                    {person.name}
                  </Link>{" "}
                  <span className="small muted">×{person.count}</span>
                </span>
              ))}
            </dd>
          </>
        )}
        {source.versions.length > 1 && (
          <>
            <dt>Versions</dt>
            <dd>
              <ol className="versions">
                {source.versions.map((version) => (
                  <li key={version.sourceId}>
                    {version.sourceId === source.id ? (
                      <strong>version {version.versionNumber} (this one)</strong>
                    ) : (
                      <Link href={`/sources/${version.sourceId}`}>version {version.versionNumber}</Link>
                    )}
                    , imported <time dateTime={version.createdAt}>{version.createdAt.slice(0, 10)}</time>
                    {version.importedBy ? ` by ${version.importedBy}` : ""}
                  </li>
                ))}
              </ol>
            </dd>
          </>
        )}
      </dl>
      {!source.newestVersion && can(actor, "import:source") && (
        <p className="small">
          <Link href={`/sources/import?versionOf=${encodeURIComponent(source.id)}`}>
            Import a new version of this source
          </Link>{" "}
          (a corrected page, a new OCR, a better edition): its citations follow the words.
        </p>
      )}
      {source.cited.length > 0 && (
        <details className="citations-index">
          <summary>
            Cited {citations} time{citations === 1 ? "" : "s"}, in {source.cited.length} passage
            {source.cited.length === 1 ? "" : "s"}
          </summary>
          <ul>
            {source.cited.map((cited) => (
              <li key={cited.passageId}>
                <a
                  href={
                    source.citedPages[cited.passageId] === reader.page
                      ? `#passage-${cited.passageId}`
                      : `${pageLink(source.citedPages[cited.passageId] ?? 1)}#passage-${cited.passageId}`
                  }
                >
                  characters {cited.start}–{cited.end}
                </a>
                :{" "}
                {cited.evidence.map((item) => (
                  <span key={item.id}>
                    {item.stance} <Link href={`/claims/${item.claim.slug}`}>{item.claim.statement}</Link>{" "}
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </details>
      )}
      {canSettle && (
        <details className="people-review" open={ambiguous.length > 0 || suggestions.length > 0}>
          <summary>
            People in this text: {ambiguous.length} unsettled name{ambiguous.length === 1 ? "" : "s"},{" "}
            {suggestions.length} suggested new
            {suggestions.length === 1 ? " person" : " people"}
          </summary>
          {ambiguous.map((mention) => (
            <AmbiguousMentionCard
              key={mention.surface}
              mention={mention}
              settle={settleMentionAction.bind(null, source.id, mention.surface)}
            />
          ))}
          {suggestions.map((suggestion) => (
            <PersonSuggestionCard
              key={suggestion.id}
              suggestion={suggestion}
              accept={acceptSuggestionAction.bind(null, suggestion.id)}
              dismiss={dismissSuggestionAction.bind(null, suggestion.id)}
            />
          ))}
          <ActionForm
            action={rescanMentionsAction.bind(null, source.id)}
            submitLabel="Scan this text for people again"
            className="inline-form"
            tone="plain"
          />
        </details>
      )}
      <h2>Text</h2>
      {pages("Pages of the text")}
      <SourceReader
        sourceId={source.id}
        text={reader.text}
        textStart={reader.start}
        paragraphs={paragraphs}
        canCite={can(actor, "create:evidence")}
      />
      {pages("Pages of the text, below it")}
    </>
  );
}
