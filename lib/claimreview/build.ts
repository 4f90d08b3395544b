// A published claim as schema.org ClaimReview (https://schema.org/ClaimReview), typed with
// schema-dts. Pure: the queries (lib/claimreview/queries.ts) gather what it reads.
import type { ClaimReview, CreativeWork, Organization, Person, WithContext } from "schema-dts";
import { cslName, safeUrl } from "@/lib/citations/csl";
import type { Publisher } from "@/lib/settings/publisher";
import type { CitationDto } from "@/lib/sources/citation";
import { claimRating, type ReviewFigures } from "./rating";

/** What a ClaimReview says about one claim: the claim page's DTO and the feed's rows both map to it. */
export type ClaimReviewItem = {
  id: string;
  slug: string;
  statement: string;
  updatedAt: string;
  /** role "subject": whom the claim is about; "mentioned": who else it names. */
  people: { slug: string; name: string; role: string }[];
  /** As this reader may see them (figuresHidden: a member who may vote and has not). */
  votes: ReviewFigures;
  evidence: { stance: string; passage: { text: string }; source: CitationDto }[];
};

export type ClaimReviewContext = {
  /** The installation's public URL, without a trailing slash (lib/env.ts publicUrl). */
  origin: string;
  publisher: Publisher;
  /** When the claim was first published (ISO 8601). */
  datePublished: string;
};

export type ClaimReviewDocument = WithContext<ClaimReview>;

const STANCE_DESCRIPTIONS: Record<string, string> = {
  supports: "Cited as supporting the claim.",
  contradicts: "Cited as contradicting the claim.",
  context: "Cited as context for the claim.",
};

function organization(publisher: Publisher): Exclude<Organization, string> {
  return { "@type": "Organization", name: publisher.name, url: publisher.url };
}

/** A source's author: a person when the name reads as one (lib/citations/csl.ts cslName), else an organisation. */
function sourceAuthor(name: string): Exclude<Person, string> | Exclude<Organization, string> {
  const parsed = cslName(name);
  if (parsed.literal !== undefined) return { "@type": "Organization", name: parsed.literal };
  return { "@type": "Person", name, givenName: parsed.given, familyName: parsed.family };
}

function citationOf(item: ClaimReviewItem["evidence"][number], origin: string): Exclude<CreativeWork, string> {
  const { source } = item;
  return {
    "@type": "CreativeWork",
    name: source.title,
    url: safeUrl(source.url) ?? `${origin}/sources/${source.sourceId}`,
    text: item.passage.text,
    description: STANCE_DESCRIPTIONS[item.stance] ?? `Cited as ${item.stance}.`,
    ...(source.authors.length ? { author: source.authors.map(sourceAuthor) } : {}),
    ...(source.publishedDate ? { datePublished: source.publishedDate } : {}),
    ...(source.publisher ? { publisher: { "@type": "Organization", name: source.publisher } } : {}),
  };
}

/**
 * The ClaimReview of one published claim. The claim's people say whom it is about (`about`: role
 * subject) and whom it names (`mentions`); who first made the claim is not recorded, so the Claim has
 * no author. The rating comes from the team's votes (lib/claimreview/rating.ts), the citations are the
 * passages quoted as evidence, each with its source's title and address.
 */
export function buildClaimReview(item: ClaimReviewItem, context: ClaimReviewContext): ClaimReviewDocument {
  const { origin } = context;
  const url = `${origin}/claims/${encodeURIComponent(item.slug)}`;
  const person = (entry: ClaimReviewItem["people"][number]): Exclude<Person, string> => ({
    "@type": "Person",
    name: entry.name,
    url: `${origin}/people/${encodeURIComponent(entry.slug)}`,
  });
  const about = item.people.filter((entry) => entry.role === "subject").map(person);
  const mentions = item.people.filter((entry) => entry.role !== "subject").map(person);
  const publisher = organization(context.publisher);
  return {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "@id": `${url}#claimreview`,
    url,
    claimReviewed: item.statement,
    datePublished: context.datePublished,
    dateModified: item.updatedAt,
    author: publisher,
    publisher,
    reviewRating: claimRating(item.votes),
    itemReviewed: {
      "@type": "Claim",
      name: item.statement,
      ...(about.length ? { about } : {}),
      ...(mentions.length ? { mentions } : {}),
    },
    ...(item.evidence.length ? { citation: item.evidence.map((entry) => citationOf(entry, origin)) } : {}),
  };
}

/**
 * JSON for a <script type="application/ld+json"> element. Such a script is data, never run, but the
 * HTML parser still ends it at the first "</script": every "<" (and ">", "&", and the line separators
 * U+2028/U+2029 older parsers choke on) is written as a JSON escape, which reads back as the same
 * string, so no statement, quote or title can close the element.
 */
export function serializeJsonLd(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
