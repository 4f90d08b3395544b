import { formatPartialDate } from "@/lib/dates";
import type { Prisma } from "@/lib/generated/sqlite/client";

export type CitationDto = {
  sourceId: string;
  title: string;
  authors: string[];
  publisher: string | null;
  url: string | null;
  publishedDate: string | null;
  accessedDate: string | null;
  kind: string;
};

function joinAuthors(authors: string[]): string {
  if (authors.length <= 2) return authors.join(" and ");
  return `${authors.slice(0, -1).join(", ")}, and ${authors[authors.length - 1]}`;
}

/** A citation in a common reference style: Author. "Title." Publisher, date. URL (accessed date). Pinpoint. */
export function formatCitation(citation: CitationDto, pinpoint?: string | null): string {
  const parts: string[] = [];
  if (citation.authors.length > 0) parts.push(`${joinAuthors(citation.authors)}.`);
  parts.push(`“${citation.title.replace(/[.]$/, "")}.”`);
  const published = [citation.publisher, formatPartialDate(citation.publishedDate)].filter(Boolean).join(", ");
  if (published) parts.push(`${published}.`);
  if (citation.url) {
    const accessed = formatPartialDate(citation.accessedDate);
    parts.push(accessed ? `${citation.url} (accessed ${accessed}).` : `${citation.url}.`);
  } else if (citation.accessedDate) {
    parts.push(`Accessed ${formatPartialDate(citation.accessedDate)}.`);
  }
  if (pinpoint) parts.push(`${pinpoint}.`);
  return parts.join(" ");
}

export const citationSelect = {
  id: true,
  title: true,
  publisher: true,
  url: true,
  publishedDate: true,
  accessedDate: true,
  kind: true,
  authors: { select: { name: true }, orderBy: { position: "asc" } },
} satisfies Prisma.SourceSelect;

export function toCitation(source: Prisma.SourceGetPayload<{ select: typeof citationSelect }>): CitationDto {
  return {
    sourceId: source.id,
    title: source.title,
    authors: source.authors.map((author) => author.name),
    publisher: source.publisher,
    url: source.url,
    publishedDate: source.publishedDate,
    accessedDate: source.accessedDate,
    kind: source.kind,
  };
}
