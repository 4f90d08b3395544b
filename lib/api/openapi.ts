// The API's description: one row per endpoint, naming the zod schemas its handler's lib function
// parses with, and the OpenAPI 3.1 document zod-openapi generates from them (GET /api/openapi.json,
// shown by GET /api/docs). Nothing here is written as OpenAPI by hand: parameters and bodies are the
// validating schemas, so the description cannot drift from what the API accepts.
// tests/api/openapi.test.ts fails when an app/api route has no row here, or a row has no route.
import type { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from "zod-openapi";
import { ClaimCitationsSchema, SourceCitationSchema, SourceTextSchema } from "@/lib/citations/schemas";
import {
  ClaimRefSchema,
  CreateClaimSchema,
  ListClaimsSchema,
  ProposeRelationSchema,
  ReviewRelationSchema,
  SimilarClaimsSchema,
  SuggestEvidenceSchema,
} from "@/lib/claims/schemas";
import {
  AddEvidenceSchema,
  GroupEvidenceSchema,
  ListOriginsSchema,
  SetEvidenceOriginSchema,
  UndoCitationSchema,
  UpdateOriginSchema,
} from "@/lib/evidence/schemas";
import {
  ApproveRevisionSchema,
  EditClaimSchema,
  RejectRevisionSchema,
  RevertClaimSchema,
  SetClaimLockSchema,
} from "@/lib/moderation/schemas";
import { ListPeopleSchema, PeopleNamedInSchema, PersonRefSchema } from "@/lib/people/schemas";
import {
  CreateQuestionSchema,
  MarkCellSchema,
  ProposeQuestionClaimSchema,
  QuestionClaimPathSchema,
  QuestionRefSchema,
  ReviewQuestionClaimSchema,
  ReviewQuestionSchema,
} from "@/lib/questions/schemas";
import {
  EvidenceRatingRefSchema,
  RateEvidenceSchema,
  RateSourceSchema,
  SourceRatingRefSchema,
} from "@/lib/ratings/schemas";
import { SearchSchema } from "@/lib/search/schemas";
import { GetSourceSchema, ImportSourceFieldsSchema } from "@/lib/sources/schemas";
import { CastVoteSchema } from "@/lib/votes/schemas";
import packageJson from "@/package.json";
import { ApiErrorSchema, DocsAssetSchema } from "./schemas";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/** Who may call an endpoint; anything but public answers 401 without a session and 403 for a role that may not. */
export type Access = "public" | "member" | "moderator" | "admin";

type ObjectSchema = z.ZodObject<z.ZodRawShape>;

export type ApiRoute = {
  method: HttpMethod;
  /** The OpenAPI path: the app/api folder path with [param] written {param}. */
  path: `/api${string}`;
  summary: string;
  description?: string;
  tag: string;
  access: Access;
  /** Path parameters, by the names the path uses. */
  params?: ObjectSchema;
  query?: ObjectSchema;
  /** A JSON body. */
  body?: z.ZodType;
  /** The body as multipart/form-data, for an endpoint that also takes an upload. */
  multipartBody?: z.ZodType;
  /** The answers when it works: status, what it is, and its media types (JSON when left out). */
  success: { status: number; description: string; contentTypes?: string[] }[];
  /** Errors beyond those the parameters, body and access imply. */
  errors?: number[];
};

const JSON_TYPE = "application/json";
const JSON_LD = "application/ld+json";

/** The same schema less the fields the path supplies (handlers merge the path parameter over the body). */
const bodyOf = <T extends z.ZodRawShape, K extends keyof T & string>(schema: z.ZodObject<T>, ...pathKeys: K[]) =>
  schema.omit(Object.fromEntries(pathKeys.map((key) => [key, true])) as never);
const pick = <T extends z.ZodRawShape, K extends keyof T & string>(schema: z.ZodObject<T>, ...keys: K[]) =>
  schema.pick(Object.fromEntries(keys.map((key) => [key, true])) as never) as unknown as ObjectSchema;

const claimPath = pick(ClaimRefSchema, "claimId");
const sourcePath = pick(SourceCitationSchema, "sourceId");

export const API_ROUTES: ApiRoute[] = [
  {
    method: "get",
    path: "/api/health",
    summary: "Database kind and row counts",
    description: "The number of accounts is given to admins only.",
    tag: "meta",
    access: "public",
    success: [{ status: 200, description: "The database kind and counts of sources, passages, people and claims." }],
  },
  {
    method: "get",
    path: "/api/openapi.json",
    summary: "This description, as OpenAPI 3.1",
    tag: "meta",
    access: "public",
    success: [{ status: 200, description: "The OpenAPI document." }],
  },
  {
    method: "get",
    path: "/api/docs",
    summary: "A readable reference of this API",
    description: "Swagger UI, served by the app from the swagger-ui-dist package, reading /api/openapi.json.",
    tag: "meta",
    access: "public",
    success: [{ status: 200, description: "An HTML page.", contentTypes: ["text/html"] }],
  },
  {
    method: "get",
    path: "/api/docs/{file}",
    summary: "A file of the reference page (Swagger UI's script, style sheet and icon)",
    tag: "meta",
    access: "public",
    params: DocsAssetSchema,
    success: [{ status: 200, description: "The file.", contentTypes: ["text/javascript", "text/css", "image/png"] }],
  },
  {
    method: "get",
    path: "/api/admin/export",
    summary: "The whole workspace as JSON Lines, for admins",
    description: "A download that `npm run restore` reads back (decision 0014).",
    tag: "meta",
    access: "admin",
    success: [{ status: 200, description: "JSON Lines, as an attachment.", contentTypes: ["application/jsonl"] }],
  },
  {
    method: "get",
    path: "/api/claims",
    summary: "Claims, filtered, sorted and paginated",
    description:
      "Filters and sorts by the team's figures hold only the claims whose figures the caller may see (a member who may vote sees them after voting).",
    tag: "claims",
    access: "public",
    query: ListClaimsSchema,
    success: [
      {
        status: 200,
        description:
          "A page of claims: items (each with evidenceCounts, the passages per side, and lines, the independent lines for and against), page, pageSize, total, totalPages.",
      },
    ],
  },
  {
    method: "post",
    path: "/api/claims",
    summary: "Create a claim",
    description: "A contributor's claim waits for review; a moderator's is published at once.",
    tag: "claims",
    access: "member",
    body: CreateClaimSchema,
    success: [{ status: 201, description: "The new claim's id, slug, statement and status." }],
  },
  {
    method: "get",
    path: "/api/claims/similar",
    summary: "Claims that say nearly the same as a statement",
    tag: "claims",
    access: "public",
    query: SimilarClaimsSchema,
    success: [{ status: 200, description: "items: claims with similarity 0–1, the words in common and `opposite`." }],
  },
  {
    method: "get",
    path: "/api/claims/{claimId}",
    summary: "A claim with its people, evidence and votes",
    description: "claimId is the claim's id or slug.",
    tag: "claims",
    access: "public",
    params: claimPath,
    success: [
      {
        status: 200,
        description:
          "Statement, people, evidence (stance, origin, passage text and offsets, prefix/suffix, citation), the evidence as independent `lines` per side (see GET /api/claims/{claimId}/origins), the vote aggregate and what the caller may do.",
      },
    ],
  },
  {
    method: "get",
    path: "/api/claims/{claimId}/claimreview",
    summary: "A published claim as schema.org ClaimReview (JSON-LD)",
    description:
      "The JSON-LD the claim page embeds: claimReviewed, itemReviewed (a Claim about its people), reviewRating on a 1–5 scale from the team's median confidence, datePublished, url, the publisher, and the cited passages. Drafts, pending, archived and merged claims are 404.",
    tag: "exports",
    access: "public",
    params: claimPath,
    success: [{ status: 200, description: "A ClaimReview.", contentTypes: [JSON_LD] }],
  },
  {
    method: "get",
    path: "/api/claimreview.jsonl",
    summary: "Every published claim's ClaimReview, one JSON object per line",
    description: "Streamed as it is read, a page of claims at a time.",
    tag: "exports",
    access: "public",
    success: [{ status: 200, description: "JSON Lines.", contentTypes: ["application/x-ndjson"] }],
  },
  {
    method: "get",
    path: "/api/claims/{claimId}/citations",
    summary: "The passages cited on a claim, as references",
    description:
      "CSL-JSON (a csl-citation.json object whose citationItems carry each passage's locator and label: the evidence's pinpoint, else the paragraph number), BibTeX or RIS (the pinpoint and the quote in each entry's note). Written by citation-js.",
    tag: "exports",
    access: "public",
    params: claimPath,
    query: pick(ClaimCitationsSchema, "format"),
    success: [
      {
        status: 200,
        description: "The references.",
        contentTypes: [
          "application/vnd.citationstyles.csl+json",
          "application/x-bibtex",
          "application/x-research-info-systems",
        ],
      },
    ],
  },
  {
    method: "get",
    path: "/api/claims/{claimId}/evidence.jsonld",
    summary: "A claim's evidence as W3C Web Annotations",
    description:
      "An AnnotationCollection: one annotation per piece of evidence, targeting the source's text (GET /api/sources/{sourceId}/text) with a TextQuoteSelector (exact, prefix, suffix) and a TextPositionSelector (start, end, in code points), its body linking the claim and naming the stance.",
    tag: "exports",
    access: "public",
    params: claimPath,
    success: [{ status: 200, description: "An AnnotationCollection.", contentTypes: [JSON_LD] }],
  },
  {
    method: "post",
    path: "/api/claims/{claimId}/proposals",
    summary: "Edit a claim, or propose an edit",
    description:
      "Applied at once (200) for moderators and the author of an unpublished claim; otherwise queued for review (202). A direct edit that rewords a claim carrying votes needs votesOnRewording (keep or confirm; 400 without it); a proposal may not send it.",
    tag: "moderation",
    access: "member",
    params: claimPath,
    body: bodyOf(EditClaimSchema, "claimId"),
    success: [
      { status: 200, description: "Applied: the revision's id." },
      { status: 202, description: "Waiting for a moderator's review." },
    ],
  },
  {
    method: "post",
    path: "/api/claims/{claimId}/evidence",
    summary: "Cite a passage as evidence",
    tag: "evidence",
    access: "member",
    params: claimPath,
    body: bodyOf(AddEvidenceSchema, "claimId"),
    success: [{ status: 201, description: "The new evidence." }],
  },
  {
    method: "get",
    path: "/api/claims/{claimId}/origins",
    summary: "A claim's evidence as independent lines, by origin, with suggested groupings",
    description:
      "Pieces of evidence that derive from one origin (a witness's account, a document, an earlier book) are one line of evidence; a piece with no origin is a line by itself. `lines`: for each side (supports, contradicts, context) the number of independent `lines`, of `passages`, and the `groups` in citation order ({origin: {id, name, note} or null, evidenceIds}); an origin cited on both sides is a line on each. `origins`: the origins this claim's evidence derives from, with `passages` and `claims` (how much live evidence on how many claims the caller may see derives from each) and `canEdit`. `suggestions` (for callers who may group, else []): passages that name the same informant (“according to Orlov”, “Orlov claimed”, “in Orlov's account”), each with `informant`, `evidenceIds`, the words found per passage, the `origin` some already share (or null) and a `suggestedName`; never applied by themselves.",
    tag: "evidence",
    access: "public",
    params: claimPath,
    success: [{ status: 200, description: "claimId, lines, origins, suggestions." }],
  },
  {
    method: "post",
    path: "/api/claims/{claimId}/origins",
    summary: "Group pieces of a claim's evidence under one origin",
    description:
      "Exactly one of `originId` (an existing origin) and `name` (the origin of that name, compared without case, accents or punctuation, else a new one with `note`); the same origin may bear on many claims. Every id in `evidenceIds` must be live evidence of the claim (400, field evidenceIds); a piece under another origin moves; nothing to change is 400. Contributors, moderators and admins, on claims that take evidence (not locked, archived or merged: 409). The claim's stored line counts, its history and the audit log change in the same transaction. Returns the origin, `created`, the evidence moved and the claim's `lines` for and against.",
    tag: "evidence",
    access: "member",
    params: claimPath,
    body: bodyOf(GroupEvidenceSchema, "claimId"),
    success: [{ status: 200, description: "claimId, origin {id, name, note}, created, evidenceIds, lines." }],
  },
  {
    method: "delete",
    path: "/api/evidence/{evidenceId}",
    summary: "Undo one's own citation",
    description:
      "Takes back a citation the caller made within the last 30 minutes: the evidence is removed, the claim's figures recounted and the history records the undo; citing the passage again brings it back. Anyone else's evidence (403), or one's own after 30 minutes (409), is taken away by editing the claim instead (`POST /api/claims/{claimId}/proposals` with the evidence marked removed), moderated like any edit. Evidence on a claim the caller may not read is 404; evidence already removed 409.",
    tag: "evidence",
    access: "member",
    params: UndoCitationSchema,
    success: [{ status: 200, description: "id, claimId, removed: true." }],
  },
  {
    method: "put",
    path: "/api/evidence/{evidenceId}/origin",
    summary: "Put one piece of evidence under an origin, or take it out of its origin",
    description:
      "`originId`: an existing origin's id, or null to take the evidence out of its origin (it is then a line of its own). Evidence on a claim the caller may not read is 404; removed evidence 409.",
    tag: "evidence",
    access: "member",
    params: pick(SetEvidenceOriginSchema, "evidenceId"),
    body: bodyOf(SetEvidenceOriginSchema, "evidenceId"),
    success: [{ status: 200, description: "claimId, origin (or null), evidenceIds, lines." }],
  },
  {
    method: "get",
    path: "/api/origins",
    summary: "Origins of evidence, by name",
    description:
      "Origins whose name contains `q` (without case, accents or punctuation), those with the most evidence first, each with `passages` and `claims` counted on claims the caller may see. An origin named only on a claim the caller may not see is not listed.",
    tag: "evidence",
    access: "public",
    query: ListOriginsSchema,
    success: [{ status: 200, description: "A list of origins: id, name, note, createdBy, passages, claims, canEdit." }],
  },
  {
    method: "patch",
    path: "/api/origins/{originId}",
    summary: "Rename an origin or change its note",
    description:
      'Everywhere it is cited. The member who named it, or a moderator (403 otherwise). A name another origin has is 409; `note` null or "" removes the note.',
    tag: "evidence",
    access: "member",
    params: pick(UpdateOriginSchema, "originId"),
    body: bodyOf(UpdateOriginSchema, "originId"),
    success: [{ status: 200, description: "The origin: id, name, note." }],
  },
  {
    method: "put",
    path: "/api/claims/{claimId}/vote",
    summary: "Cast or change one's confidence vote (0–100)",
    description:
      "The vote is on the claim's current wording. A vote cast on an earlier wording (the claim was reworded and its voters asked to confirm) counts in no figure until cast again: the same value confirms it. `evidenceIds` (optional, at most 3) names the pieces of the claim's live evidence that moved the voter most; casting again replaces them (omit or send [] to name none). An id that is not live evidence of this claim is refused (400, field evidenceIds) and nothing is recorded.",
    tag: "votes",
    access: "member",
    params: claimPath,
    body: bodyOf(CastVoteSchema, "claimId"),
    success: [{ status: 200, description: "The vote and the claim's figures." }],
  },
  {
    method: "get",
    path: "/api/claims/{claimId}/history",
    summary: "A claim's revisions, with their changes",
    tag: "moderation",
    access: "public",
    params: claimPath,
    success: [{ status: 200, description: "The claim's history." }],
  },
  {
    method: "put",
    path: "/api/claims/{claimId}/lock",
    summary: "Lock or unlock a claim",
    tag: "moderation",
    access: "moderator",
    params: claimPath,
    body: bodyOf(SetClaimLockSchema, "claimId"),
    success: [{ status: 200, description: "Whether the claim is now locked." }],
  },
  {
    method: "post",
    path: "/api/claims/{claimId}/revert",
    summary: "Restore a claim as it was after an earlier revision",
    description:
      '`reason` (3 to 2,000 characters) is required: the history records it as "Restored the version of 23 Nov 2026, 19:00 UTC, before Cora\'s change: <reason>". A revert that rewords a claim carrying votes needs votesOnRewording (keep or confirm; 400 without it), as an edit does.',
    tag: "moderation",
    access: "moderator",
    params: claimPath,
    body: bodyOf(RevertClaimSchema, "claimId"),
    success: [{ status: 200, description: "The new revision's id." }],
  },
  {
    method: "get",
    path: "/api/claims/{claimId}/suggestions",
    summary: "Passages likely to bear on a claim, not yet cited",
    tag: "evidence",
    access: "public",
    params: claimPath,
    query: pick(SuggestEvidenceSchema, "limit"),
    success: [
      { status: 200, description: "items: passages with a score, reasons and a suggested stance with its reason." },
    ],
  },
  {
    method: "get",
    path: "/api/claims/{claimId}/relations",
    summary: "How a claim relates to others",
    description: "Confirmed relations for everyone; pending ones for moderators and their proposer.",
    tag: "claims",
    access: "public",
    params: claimPath,
    success: [{ status: 200, description: "items: relations (contradicts, implies, duplicate_of) with their status." }],
  },
  {
    method: "post",
    path: "/api/claims/{claimId}/relations",
    summary: "Relate a claim to another",
    tag: "claims",
    access: "member",
    params: claimPath,
    body: bodyOf(ProposeRelationSchema, "claimId"),
    success: [
      { status: 201, description: "Confirmed at once (a moderator's)." },
      { status: 202, description: "Waiting for a moderator's review." },
    ],
  },
  {
    method: "post",
    path: "/api/relations/{relationId}/review",
    summary: "Confirm or reject a proposed relation",
    tag: "moderation",
    access: "moderator",
    params: pick(ReviewRelationSchema, "relationId"),
    body: bodyOf(ReviewRelationSchema, "relationId"),
    success: [{ status: 200, description: "The relation's new status." }],
  },
  {
    method: "get",
    path: "/api/revisions",
    summary: "The review queue",
    tag: "moderation",
    access: "moderator",
    success: [{ status: 200, description: "items: proposals and new claims waiting for review." }],
  },
  {
    method: "post",
    path: "/api/revisions/{revisionId}/approve",
    summary: "Approve a proposal",
    description:
      "A proposal that rewords a claim carrying votes needs votesOnRewording (keep or confirm; 400 without it): the review queue's votesChoice says when.",
    tag: "moderation",
    access: "moderator",
    params: pick(ApproveRevisionSchema, "revisionId"),
    body: bodyOf(ApproveRevisionSchema, "revisionId"),
    success: [{ status: 200, description: "The applied revision." }],
  },
  {
    method: "post",
    path: "/api/revisions/{revisionId}/reject",
    summary: "Reject a proposal, with a reason",
    tag: "moderation",
    access: "moderator",
    params: pick(RejectRevisionSchema, "revisionId"),
    body: bodyOf(RejectRevisionSchema, "revisionId"),
    success: [{ status: 200, description: "The rejected revision." }],
  },
  {
    method: "get",
    path: "/api/people",
    summary: "People, found under any spelling",
    tag: "people",
    access: "public",
    query: ListPeopleSchema,
    success: [
      {
        status: 200,
        description:
          "items: people, by name; with q, each says which of its spellings matched (matched, when not the name).",
      },
    ],
  },
  {
    method: "get",
    path: "/api/people/named-in",
    summary: "The people a text names, under any spelling",
    description:
      "For a statement being typed: the known people it names, in the order it names them, each with a suggested role (the first named other than in a possessive is the subject) and whether only a surname others share names them (ambiguous).",
    tag: "people",
    access: "public",
    query: PeopleNamedInSchema,
    success: [{ status: 200, description: "items: people with surface, role and ambiguous." }],
  },
  {
    method: "get",
    path: "/api/people/{slug}",
    summary: "A person, with aliases and claims",
    description: "slug is the person's slug or any spelling of their name.",
    tag: "people",
    access: "public",
    params: PersonRefSchema,
    success: [{ status: 200, description: "The person." }],
  },
  {
    method: "get",
    path: "/api/search",
    summary: "Full-text search over passages, claims, sources and people",
    tag: "search",
    access: "public",
    query: SearchSchema,
    success: [{ status: 200, description: "Ranked results with snippets, highlight offsets and passage offsets." }],
  },
  {
    method: "get",
    path: "/api/sources",
    summary: "Sources with their citations",
    tag: "sources",
    access: "public",
    success: [{ status: 200, description: "items: sources." }],
  },
  {
    method: "post",
    path: "/api/sources",
    summary: "Import a source: text, Markdown or HTML, as JSON or an uploaded file",
    description:
      "The import form's rules: JSON `{content, format?, title?, authors?, ...}` (a body up to 15 MB, for a 5 MB text however it is escaped) or multipart/form-data with a `file` (.txt, .md, .html; authors one per line) and the same fields. The text is cleaned and split into paragraph and sentence passages; the title is required unless the document has one. A text already imported (the same cleaned text) is not imported again: 200 with `created: false` and that source.",
    tag: "sources",
    access: "member",
    body: ImportSourceFieldsSchema.omit({ file: true }),
    multipartBody: ImportSourceFieldsSchema,
    success: [
      { status: 201, description: "Imported: sourceId, created (true), passageCount, title and the source's url." },
      { status: 200, description: "Already imported: the same fields for that source, with created false." },
    ],
  },
  {
    method: "get",
    path: "/api/sources/{sourceId}",
    summary: "A source: metadata, cleaned text, passages with offsets, cited passages",
    tag: "sources",
    access: "public",
    params: pick(GetSourceSchema, "sourceId"),
    query: pick(GetSourceSchema, "passages"),
    success: [{ status: 200, description: "The source." }],
  },
  {
    method: "get",
    path: "/api/sources/{sourceId}/citation",
    summary: "A source's reference as CSL-JSON, BibTeX or RIS",
    description: "Written by citation-js; a bad format is a 400 naming `format`.",
    tag: "exports",
    access: "public",
    params: sourcePath,
    query: pick(SourceCitationSchema, "format"),
    success: [
      {
        status: 200,
        description: "The reference.",
        contentTypes: [
          "application/vnd.citationstyles.csl+json",
          "application/x-bibtex",
          "application/x-research-info-systems",
        ],
      },
    ],
  },
  {
    method: "get",
    path: "/api/sources/{sourceId}/versions",
    summary: "Every version of a source, the first first",
    description: "Given any version. items: sourceId, versionNumber, createdAt, importedBy.",
    tag: "sources",
    access: "public",
    params: sourcePath,
    success: [{ status: 200, description: "items: the versions." }],
  },
  {
    method: "post",
    path: "/api/sources/{sourceId}/versions",
    summary: "Import a changed text as a new version of a source",
    description:
      "The body of POST /api/sources; fields left out keep the replaced version's title, authors and other details. `sourceId` must be the newest version (409 otherwise), and the text must differ from it once cleaned (409). The old version stays unchanged. Each cited passage is re-anchored: where the same words are found (same place, elsewhere, or with only spacing and quotation marks changed) the evidence cites the new version at once; where the words changed or the place is uncertain a moderator confirms first (review queue); where they are gone the evidence stays on the old version and is flagged. Returns the new source's id, its versionNumber and `citations: {moved, changed, notFound}`.",
    tag: "sources",
    access: "member",
    params: sourcePath,
    body: ImportSourceFieldsSchema.omit({ file: true }),
    multipartBody: ImportSourceFieldsSchema,
    success: [{ status: 201, description: "Imported as a new version, with what became of its citations." }],
  },
  {
    method: "get",
    path: "/api/sources/{sourceId}/text",
    summary: "A source's cleaned text, as plain text",
    description: "Every passage offset and every annotation selector counts in this text.",
    tag: "sources",
    access: "public",
    params: pick(SourceTextSchema, "sourceId"),
    success: [{ status: 200, description: "The text.", contentTypes: ["text/plain"] }],
  },
  {
    method: "get",
    path: "/api/sources/{sourceId}/ratings",
    summary: "A source's reliability: the team's rating, its spread and each member's",
    description:
      "The Admiralty scale: A completely reliable, B usually reliable, C fairly reliable, D not usually reliable, E unreliable, F reliability cannot be judged. `team`: `grade` (the median of the judged ratings, the less favourable of the middle two when they differ; F when every rating is F; null when unrated), `weight` (0.9 for A down to 0.1 for E in steps of 0.2; 0.5 for F and unrated), `count`, `judged`, `cannotJudge`, `spread` {best, worst} and `distribution` (how many members gave each grade). `own`: the caller's rating. `ratings`: each member's grade, reason and name, newest first, for signed-in members only (null otherwise). A source's versions share their ratings (`ratedSourceId` is the first version).",
    tag: "ratings",
    access: "public",
    params: SourceRatingRefSchema,
    success: [{ status: 200, description: "team, own, ratings, canRate, sourceId, ratedSourceId." }],
  },
  {
    method: "put",
    path: "/api/sources/{sourceId}/rating",
    summary: "Rate a source's reliability (A–F), with a reason",
    description:
      "Replaces the caller's earlier rating of the source (any of its versions); every rating given stays in the history. Contributors, moderators and admins.",
    tag: "ratings",
    access: "member",
    params: SourceRatingRefSchema,
    body: bodyOf(RateSourceSchema, "sourceId"),
    success: [{ status: 200, description: "The rating: sourceId (the first version), grade, reason, ratedAt." }],
  },
  {
    method: "delete",
    path: "/api/sources/{sourceId}/rating",
    summary: "Withdraw one's rating of a source",
    description: "The history keeps the rating and records the withdrawal; 404 when the caller has not rated it.",
    tag: "ratings",
    access: "member",
    params: SourceRatingRefSchema,
    errors: [429],
    success: [{ status: 200, description: "sourceId and withdrawn: true." }],
  },
  {
    method: "get",
    path: "/api/evidence/{evidenceId}/ratings",
    summary: "A piece of evidence's credibility: the team's rating, its spread and each member's",
    description:
      "The Admiralty scale: 1 confirmed by other sources, 2 probably true, 3 possibly true, 4 doubtful, 5 improbable, 6 truth cannot be judged. The same fields as a source's ratings (weight 0.9 for 1 down to 0.1 for 5; 0.5 for 6 and unrated). Evidence on a claim the caller may not read is 404.",
    tag: "ratings",
    access: "public",
    params: EvidenceRatingRefSchema,
    success: [{ status: 200, description: "team, own, ratings, canRate, evidenceId, claimId." }],
  },
  {
    method: "put",
    path: "/api/evidence/{evidenceId}/rating",
    summary: "Rate a piece of evidence's credibility (1–6), with a reason",
    description:
      "Replaces the caller's earlier rating; every rating given stays in the history. Evidence on a claim the caller may read, not removed from it (409). Contributors, moderators and admins.",
    tag: "ratings",
    access: "member",
    params: EvidenceRatingRefSchema,
    body: bodyOf(RateEvidenceSchema, "evidenceId"),
    success: [{ status: 200, description: "The rating: evidenceId, grade, reason, ratedAt." }],
  },
  {
    method: "delete",
    path: "/api/evidence/{evidenceId}/rating",
    summary: "Withdraw one's rating of a piece of evidence",
    description: "The history keeps the rating and records the withdrawal; 404 when the caller has not rated it.",
    tag: "ratings",
    access: "member",
    params: EvidenceRatingRefSchema,
    errors: [429],
    success: [{ status: 200, description: "evidenceId and withdrawn: true." }],
  },
  {
    method: "get",
    path: "/api/questions",
    summary: "Questions that competing claims answer",
    description: "Published questions for everyone; pending and sent-back ones for moderators and their author.",
    tag: "questions",
    access: "public",
    success: [{ status: 200, description: "items: questions with their number of competing claims." }],
  },
  {
    method: "post",
    path: "/api/questions",
    summary: "Ask a question, with the competing claims to weigh in it",
    description:
      "Contributors, moderators and admins. A moderator's question and its claims apply at once; a contributor's wait for a moderator. `claimIds`: ids or slugs of claims the caller may read (not merged).",
    tag: "questions",
    access: "member",
    body: CreateQuestionSchema,
    errors: [429],
    success: [
      { status: 201, description: "Published at once (a moderator's): id, slug, title, status." },
      { status: 202, description: "Waiting for a moderator's review." },
    ],
  },
  {
    method: "get",
    path: "/api/questions/{questionId}",
    summary: "A question with its competing claims",
    description: "Confirmed claims for everyone; claims waiting for review for moderators and their proposer.",
    tag: "questions",
    access: "public",
    params: QuestionRefSchema,
    success: [{ status: 200, description: "The question, its claims and what the caller may do." }],
  },
  {
    method: "get",
    path: "/api/questions/{questionId}/matrix",
    summary: "A question's matrix: claims ranked against the evidence cited on any of them",
    description:
      "Claims in rows, ranked by weighted inconsistency (each piece of evidence weighs its source's team reliability × its team credibility; pieces of one origin count once, as their strongest); evidence in columns (one per passage); each cell with the team's consensus (consistent, inconsistent, neutral), the counts behind it, its disagreement, its default (the evidence's stance on that claim) and the caller's own mark. `diagnostic`: the evidence that best separates the claims; `pivotal`: the lines of evidence which, if discredited, would change the ranking, with the ranking they would leave. The same as CSV at /questions/{slug}/matrix.csv.",
    tag: "questions",
    access: "public",
    params: QuestionRefSchema,
    success: [{ status: 200, description: "question, claims, columns, cells, markers, diagnostic, pivotal, mayMark." }],
  },
  {
    method: "post",
    path: "/api/questions/{questionId}/claims",
    summary: "Put a competing claim in a question",
    tag: "questions",
    access: "member",
    params: pick(ProposeQuestionClaimSchema, "questionId"),
    body: bodyOf(ProposeQuestionClaimSchema, "questionId"),
    errors: [409, 429],
    success: [
      { status: 201, description: "Confirmed at once (a moderator's)." },
      { status: 202, description: "Waiting for a moderator's review." },
    ],
  },
  {
    method: "post",
    path: "/api/questions/{questionId}/claims/{questionClaimId}/review",
    summary: "Confirm or reject a claim proposed for a question (or take a confirmed one out)",
    tag: "moderation",
    access: "moderator",
    params: QuestionClaimPathSchema,
    body: bodyOf(ReviewQuestionClaimSchema, "questionClaimId"),
    errors: [409],
    success: [{ status: 200, description: "questionClaimId and its new status." }],
  },
  {
    method: "post",
    path: "/api/questions/{questionId}/review",
    summary: "Publish a question waiting for review, or send it back with a note",
    tag: "moderation",
    access: "moderator",
    params: pick(ReviewQuestionSchema, "questionId"),
    body: bodyOf(ReviewQuestionSchema, "questionId"),
    errors: [409],
    success: [{ status: 200, description: "questionId and its new status (published or draft)." }],
  },
  {
    method: "post",
    path: "/api/questions/{questionId}/marks",
    summary: "Mark one cell of a question's matrix",
    description:
      "How a piece of evidence (`passageId`, cited on one of the question's claims) bears on one of its confirmed claims (`claimId`): consistent, inconsistent or neutral; null takes the caller's mark back. Only on published questions (409).",
    tag: "questions",
    access: "member",
    params: pick(MarkCellSchema, "questionId"),
    body: bodyOf(MarkCellSchema, "questionId"),
    errors: [409, 429],
    success: [{ status: 200, description: "questionId, claimId, passageId and the mark." }],
  },
];

/** Routes under app/api that are not part of the described API, and why. */
export const UNDESCRIBED_ROUTES: { path: string; reason: string }[] = [
  { path: "/api/{...path}", reason: "The JSON 404 for every path no endpoint has." },
  {
    path: "/api/auth/{...nextauth}",
    reason: "next-auth's own sign-in, callback and session endpoints, used by the sign-in page, not an API.",
  },
];

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "A parameter or field is invalid; `field` names it.",
  401: "Not signed in.",
  403: "The caller's role does not allow this.",
  404: "No such record (or none the caller may read).",
  409: "Conflicts with the record's state (locked, changed since, already done).",
  413: "The body is larger than the endpoint takes (1 MB; a source import 5 MB of text); `field` names it.",
  415: "The body is not JSON (nor multipart/form-data, where the endpoint takes an upload).",
  429: "Too many writes; the message says when to try again.",
};

function errorStatuses(route: ApiRoute): number[] {
  const statuses = new Set<number>(route.errors ?? []);
  if (route.params || route.query || route.body) statuses.add(400);
  if (route.params) statuses.add(404);
  if (route.access !== "public") statuses.add(401).add(403);
  if (route.body) for (const status of [409, 413, 415, 429]) statuses.add(status);
  return [...statuses].sort((a, b) => a - b);
}

/** "get /api/claims/{claimId}/evidence.jsonld" → "getClaimsByClaimIdEvidenceJsonld". */
function operationId(route: ApiRoute): string {
  const words = route.path
    .replace(/^\/api\/?/, "")
    .split(/[/.]/)
    .filter(Boolean)
    .map((segment) => {
      const param = /^\{(.+)\}$/.exec(segment);
      return param ? `By${param[1]!.charAt(0).toUpperCase()}${param[1]!.slice(1)}` : segment;
    })
    .map((word) => word.replace(/[^A-Za-z0-9]+(.)?/g, (_, next: string | undefined) => (next ?? "").toUpperCase()))
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1));
  return `${route.method}${words.join("")}`;
}

function operation(route: ApiRoute): ZodOpenApiOperationObject {
  const responses: ZodOpenApiOperationObject["responses"] = {};
  for (const success of route.success) {
    responses[`${success.status}` as "200"] = {
      description: success.description,
      content: Object.fromEntries((success.contentTypes ?? [JSON_TYPE]).map((type) => [type, {}])),
    };
  }
  for (const status of errorStatuses(route)) {
    responses[`${status}` as "400"] = {
      description: ERROR_DESCRIPTIONS[status] ?? "An error.",
      content: { [JSON_TYPE]: { schema: ApiErrorSchema } },
    };
  }
  return {
    operationId: operationId(route),
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.tag],
    // Reads work signed out and show more to members; writes need the session cookie.
    security: route.access === "public" ? [{}, { session: [] }] : [{ session: [] }],
    ...(route.params || route.query
      ? {
          requestParams: {
            ...(route.params ? { path: route.params } : {}),
            ...(route.query ? { query: route.query } : {}),
          },
        }
      : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: {
              [JSON_TYPE]: { schema: route.body },
              ...(route.multipartBody ? { "multipart/form-data": { schema: route.multipartBody } } : {}),
            },
          },
        }
      : {}),
    responses,
  };
}

export type OpenApiDocument = ReturnType<typeof createDocument>;

/** The OpenAPI 3.1 document for API_ROUTES; `serverUrl` is the installation's public URL. */
export function buildOpenApiDocument(options: { serverUrl: string; title: string }): OpenApiDocument {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of API_ROUTES) {
    paths[route.path] = { ...paths[route.path], [route.method]: operation(route) };
  }
  return createDocument(
    {
      openapi: "3.1.0",
      info: {
        title: `${options.title} API`,
        version: packageJson.version,
        description:
          'Claims, the evidence for and against them (passages of imported sources, with exact offsets), and the team\'s confidence votes. Errors are JSON: `{"error": {"code", "message", "field"}}`. Writes take JSON and the session cookie of a signed-in member.',
      },
      servers: [{ url: options.serverUrl }],
      tags: [
        { name: "claims" },
        { name: "evidence" },
        { name: "votes" },
        { name: "moderation" },
        { name: "people" },
        { name: "search" },
        { name: "sources" },
        {
          name: "ratings",
          description: "The Admiralty code: members rate sources' reliability (A–F) and evidence's credibility (1–6).",
        },
        {
          name: "questions",
          description:
            "Competing claims weighed against the same evidence in one matrix (analysis of competing hypotheses).",
        },
        { name: "exports", description: "ClaimReview, citations (CSL-JSON, BibTeX, RIS) and Web Annotations." },
        { name: "meta" },
      ],
      components: {
        securitySchemes: {
          session: {
            type: "apiKey",
            in: "cookie",
            name: "next-auth.session-token",
            description:
              "The session cookie set by signing in at /signin (__Secure-next-auth.session-token over https).",
          },
        },
      },
      paths,
    },
    // z.custom (a passage's content, unused here) and transforms render as what they accept.
    { allowEmptySchema: { custom: true } },
  );
}

let cached: { key: string; document: OpenApiDocument } | undefined;

/** The document, made once per server URL and title (the schemas do not change while the app runs). */
export function getOpenApiDocument(options: { serverUrl: string; title: string }): OpenApiDocument {
  const key = `${options.serverUrl}\n${options.title}`;
  if (cached?.key !== key) cached = { key, document: buildOpenApiDocument(options) };
  return cached.document;
}
