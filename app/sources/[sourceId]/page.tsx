import Link from "next/link";
import { SourceReader } from "@/components/sources/SourceReader";
import type { CitationMark } from "@/components/sources/SourceText";
import { findPeopleMentioned } from "@/lib/people/mentions";
import { can } from "@/lib/permissions";
import { CopyButton } from "@/components/ui/CopyButton";
import { orNotFound } from "@/app/_helpers";
import { getRequestActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { formatPartialDate } from "@/lib/dates";
import { highlightParagraphs } from "@/lib/sources/highlight";
import { getSource } from "@/lib/sources/queries";

export const dynamic = "force-dynamic";

type Params = Promise<{ sourceId: string }>;

async function loadSource(params: Params) {
  const { sourceId } = await params;
  return orNotFound(getSource(getDb(), await getRequestActor(), decodeURIComponent(sourceId), { passageKinds: ["paragraph"] }));
}

export async function generateMetadata({ params }: { params: Params }) {
  return { title: (await loadSource(params)).title };
}

/** "?at=120-184": the span a search result or suggestion links to, marked in the text. */
function foundSpan(at: string | string[] | undefined, textLength: number): { start: number; end: number } | null {
  const match = typeof at === "string" ? /^(\d{1,9})-(\d{1,9})$/.exec(at) : null;
  if (!match) return null;
  const start = Number(match[1]);
  const end = Number(match[2]);
  return start < end && end <= textLength ? { start, end } : null;
}

export default async function SourcePage({ params, searchParams }: { params: Params; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const source = await loadSource(params);
  const found = foundSpan((await searchParams).at, source.text.length);
  const actor = await getRequestActor();
  const mentioned = await findPeopleMentioned(getDb(), source.text);
  const paragraphs = highlightParagraphs<CitationMark>(
    source.text,
    source.passages.map((passage) => ({ start: passage.start, end: passage.end })),
    [
      ...(found ? [{ ...found, data: { passageId: "found", evidence: [], found: true } }] : []),
      ...source.cited.map((cited) => ({ start: cited.start, end: cited.end, data: { passageId: cited.passageId, evidence: cited.evidence } })),
    ],
  );
  return (
    <>
      <p className="small">
        <Link href="/sources">← Sources</Link>
      </p>
      <h1>{source.title}</h1>
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
        {mentioned.length > 0 && (
          <>
            <dt>People mentioned</dt>
            <dd>
              {mentioned.map((person, index) => (
                <span key={person.slug}>
                  {index > 0 && ", "}
                  <Link href={`/people/${person.slug}`} title={`Written: ${person.spellings.join(", ")}`}>
                    {person.name}
                  </Link>
                </span>
              ))}
            </dd>
          </>
        )}
      </dl>
      {source.cited.length > 0 && (
        <details className="citations-index">
          <summary>
            {source.cited.length} passage{source.cited.length === 1 ? " is" : "s are"} cited as evidence
          </summary>
          <ul>
            {source.cited.map((cited) => (
              <li key={cited.passageId}>
                <a href={`#passage-${cited.passageId}`}>characters {cited.start}–{cited.end}</a>:{" "}
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
      <h2>Text</h2>
      <SourceReader sourceId={source.id} text={source.text} paragraphs={paragraphs} canCite={can(actor, "create:evidence")} />
    </>
  );
}
