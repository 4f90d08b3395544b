import "server-only";
import { createHash } from "node:crypto";
import { recordAudit } from "@/lib/audit/record";
import { authorize } from "@/lib/authorize";
import {
  type BulkColumn,
  createdNow,
  newId,
  type SharedColumn,
  withBulkWriter,
  writeLongText,
} from "@/lib/bulk-insert";
import type { Db, Tx } from "@/lib/db";
import { AppError, isUniqueViolation, parseInput } from "@/lib/errors";
import { type DetectedMention, mentionMatcher } from "@/lib/people/detect";
import { knownPeople, refreshSourceMentions } from "@/lib/people/mentions";
import { detectNameSuggestionsInSteps, refreshSourceSuggestions, type SuggestionDraft } from "@/lib/people/suggestions";
import { actorId, type MaybeActor } from "@/lib/permissions";
import { checkWriteLimit, recordWrite } from "@/lib/rate-limits";
import { addPassageDocument, indexSource, passageDocumentTarget, spanKey } from "@/lib/search/documents";
import { searchTextFolder } from "@/lib/search/text";
import { cleanSource, detectFormat, type SourceFormatName } from "./clean";
import type { Gloss } from "./glosses";
import { type ImportOptions, ImportProgressReporter } from "./import-progress";
import { ImportSourceSchema, MAX_SOURCE_BYTES, PrepareSourceSchema, type SourceMetadata } from "./schemas";
import { segmentText } from "./segment";
import { quoteForSpan, type TextQuote, type TextSpan } from "./selectors";

// Progress is told every so many passages written.
const PROGRESS_EVERY = 2000;

// What each passage's row gives, in order (its source and the time are shared by the rows).
const PASSAGE_COLUMNS: BulkColumn[] = [
  ["id", "text"],
  ["kind", '"PassageKind"'],
  ["ordinal", "integer"],
  ["start", "integer"],
  ["end", "integer"],
  ["text", "text"],
  ["prefix", "text"],
  ["suffix", "text"],
];

function sharedSource(sourceId: string): SharedColumn {
  return ["sourceId", sourceId, "text"];
}

export type PassageDraft = TextSpan & TextQuote & { kind: "paragraph" | "sentence"; ordinal: number };

export type PreparedSource = {
  format: SourceFormatName;
  originalText: string;
  text: string;
  contentHash: string;
  title: string;
  authors: string[];
  publisher?: string;
  url?: string;
  publishedDate?: string;
  accessedDate?: string;
  kind: SourceMetadata["kind"];
  language: string;
  passages: PassageDraft[];
  /** Link previews removed from the text (lib/sources/glosses.ts). */
  glosses: Gloss[];
};

export type ImportResult = { sourceId: string; created: boolean; passageCount: number; title: string };

/** What the import form shows before importing: the cleaned text's first paragraphs, each with its sentences. */
export type ImportPreviewDto = {
  title: string;
  format: string;
  language: string;
  characters: number;
  paragraphs: { text: string; sentences: string[] }[];
  paragraphCount: number;
  sentenceCount: number;
};

const PREVIEW_PARAGRAPHS = 30;

/** Decodes uploaded bytes as UTF-8, refusing binary files and other encodings. */
function decodeUpload(bytes: Uint8Array): string {
  if (bytes.byteLength > MAX_SOURCE_BYTES) throw tooLarge(bytes.byteLength);
  if (bytes.includes(0))
    throw new AppError("INVALID", "content: looks like a binary file, not text", { field: "content" });
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new AppError("INVALID", "content: is not valid UTF-8 text", { field: "content" });
  }
}

function tooLarge(bytes: number, field: "content" | "file" = "content"): AppError {
  const megabytes = (bytes / (1024 * 1024)).toFixed(1);
  return new AppError(
    "TOO_LARGE",
    `${field}: is ${megabytes} MB; the limit is ${MAX_SOURCE_BYTES / (1024 * 1024)} MB`,
    {
      field,
    },
  );
}

function assertTextual(content: string) {
  if (Buffer.byteLength(content, "utf8") > MAX_SOURCE_BYTES) throw tooLarge(Buffer.byteLength(content, "utf8"));
  if (content.includes("\u0000") || content.includes("\uFFFD\uFFFD\uFFFD")) {
    throw new AppError("INVALID", "content: looks like a binary file, not text", { field: "content" });
  }
  // eslint-disable-next-line no-control-regex
  const controls = content.match(/[\u0001-\u0008\u000E-\u001F]/g)?.length ?? 0;
  if (controls > 16 && controls / content.length > 0.001) {
    throw new AppError("INVALID", "content: looks like a binary file, not text", { field: "content" });
  }
}

function guessLanguage(text: string): string {
  const sample = text.slice(0, 20_000);
  const cyrillic = sample.match(/\p{Script=Cyrillic}/gu)?.length ?? 0;
  const latin = sample.match(/\p{Script=Latin}/gu)?.length ?? 0;
  return cyrillic > latin ? "ru" : "en";
}

function titleFromFileName(fileName: string | undefined): string | undefined {
  if (!fileName) return undefined;
  const base = fileName
    .replace(/^.*[\\/]/, "")
    .replace(/\.[a-z0-9]+$/i, "")
    .replace(/[-_]+/g, " ")
    .trim();
  return base ? base.charAt(0).toUpperCase() + base.slice(1) : undefined;
}

/**
 * Validates and cleans a document (`content`, text or UTF-8 bytes, with its metadata) and
 * splits it into paragraph and sentence passages, without touching the database. Throws
 * AppError (naming the field) on bad input.
 */
export function prepareSource(input: unknown): PreparedSource {
  const { content, ...metadata } = parseInput(PrepareSourceSchema, input);
  return prepare(content, metadata);
}

/** The import form's or a script's input, with an uploaded file read (see ImportSourceSchema). */
export async function prepareImport(input: unknown, progress = new ImportProgressReporter()): Promise<PreparedSource> {
  const { content, file, ...metadata } = parseInput(ImportSourceSchema, input);
  if (file && file.size > 0) {
    if (file.size > MAX_SOURCE_BYTES) throw tooLarge(file.size, "file");
    return prepare(
      new Uint8Array(await file.arrayBuffer()),
      { ...metadata, fileName: metadata.fileName ?? file.name },
      progress,
    );
  }
  return prepare(content, metadata, progress);
}

function prepare(
  content: string | Uint8Array | undefined,
  metadata: SourceMetadata,
  progress = new ImportProgressReporter(),
): PreparedSource {
  progress.stage("cleaning");
  const given = content === undefined ? "" : typeof content === "string" ? content : decodeUpload(content);
  // A string (a JSON body) may hold lone UTF-16 surrogates, which no database stores: every driver
  // writes U+FFFD for them, so the text worked on is the text stored, and passages match it.
  const originalText = given.isWellFormed() ? given : given.toWellFormed();
  assertTextual(originalText);
  if (originalText.trim() === "") throw new AppError("INVALID", "content: is empty", { field: "content" });

  const format = metadata.format ?? detectFormat(originalText, metadata.fileName);
  const cleaned = cleanSource(originalText, format);
  if (cleaned.text === "") {
    throw new AppError("INVALID", "content: has no readable text after cleaning", { field: "content" });
  }
  const text = cleaned.text;
  const language =
    metadata.language ?? cleaned.metadata.language?.split(/[-_]/)[0]?.toLowerCase() ?? guessLanguage(text);
  const title = metadata.title ?? cleaned.metadata.title?.slice(0, 500) ?? titleFromFileName(metadata.fileName);
  if (!title) throw new AppError("INVALID", "title: is required", { field: "title" });

  progress.stage("segmenting");
  const { paragraphs, sentences } = segmentText(text, language);
  const passages: PassageDraft[] = paragraphs
    .map((span, ordinal) => passageDraft(text, span, "paragraph", ordinal))
    .concat(sentences.map((span, ordinal) => passageDraft(text, span, "sentence", ordinal)));

  return {
    format,
    originalText,
    text,
    contentHash: createHash("sha256").update(text).digest("hex"),
    title,
    authors: metadata.authors.length > 0 ? metadata.authors : cleaned.metadata.author ? [cleaned.metadata.author] : [],
    publisher: metadata.publisher ?? cleaned.metadata.publisher,
    url:
      metadata.url ??
      (cleaned.metadata.url && /^https?:\/\//.test(cleaned.metadata.url) ? cleaned.metadata.url : undefined),
    publishedDate: metadata.publishedDate ?? cleaned.metadata.publishedDate,
    accessedDate: metadata.accessedDate,
    kind: metadata.kind,
    language,
    passages,
    glosses: cleaned.glosses,
  };
}

// Built field by field rather than by spreading: a text of short sentences has hundreds of
// thousands of them, and spread objects cost several times as much to make and to collect.
function passageDraft(text: string, span: TextSpan, kind: PassageDraft["kind"], ordinal: number): PassageDraft {
  const quote = quoteForSpan(text, span);
  return {
    start: span.start,
    end: span.end,
    text: quote.text,
    prefix: quote.prefix,
    suffix: quote.suffix,
    kind,
    ordinal,
  };
}

/** The cleaned paragraphs and sentences an import would create, for the form to show; writes nothing. */
export async function previewSource(actor: MaybeActor, input: unknown): Promise<ImportPreviewDto> {
  authorize(actor, "import:source");
  const prepared = await prepareImport(input);
  const paragraphs = prepared.passages.filter((passage) => passage.kind === "paragraph");
  const sentences = prepared.passages.filter((passage) => passage.kind === "sentence");
  return {
    title: prepared.title,
    format: prepared.format,
    language: prepared.language,
    characters: prepared.text.length,
    paragraphCount: paragraphs.length,
    sentenceCount: sentences.length,
    paragraphs: paragraphs.slice(0, PREVIEW_PARAGRAPHS).map((paragraph) => ({
      text: paragraph.text,
      sentences: sentences
        .filter((sentence) => sentence.start >= paragraph.start && sentence.end <= paragraph.end)
        .map((sentence) => sentence.text),
    })),
  };
}

/**
 * Imports a document (`content` or an uploaded `file`, with its metadata: ImportSourceSchema)
 * as a Source with its paragraph and sentence passages, in one transaction. Importing text
 * whose cleaned form already exists returns that source (created: false) and writes nothing.
 */
export async function importSource(
  db: Db,
  actor: MaybeActor,
  input: unknown,
  options: ImportOptions = {},
): Promise<ImportResult> {
  authorize(actor, "import:source");
  await checkWriteLimit(db, actor, "import");
  const progress = new ImportProgressReporter(options.onProgress);
  const prepared = await prepareImport(input, progress);
  const existing = await db.source.findUnique({
    where: { contentHash: prepared.contentHash },
    select: { id: true, title: true, _count: { select: { passages: true } } },
  });
  if (existing) {
    return { sourceId: existing.id, created: false, passageCount: existing._count.passages, title: existing.title };
  }
  try {
    const sourceId = await db.$transaction(async (tx) => {
      await recordWrite(tx, actor, "import");
      const id = await createSourceRecords(tx, actor, prepared, undefined, progress);
      progress.stage("saving");
      await recordAudit(tx, actor, {
        action: "source.import",
        entityType: "Source",
        entityId: id,
        data: { title: prepared.title, contentHash: prepared.contentHash, passages: prepared.passages.length },
      });
      return id;
    }, IMPORT_TRANSACTION);
    return { sourceId, created: true, passageCount: prepared.passages.length, title: prepared.title };
  } catch (error) {
    // Two imports of the same text at once: the loser returns the winner's source.
    if (isUniqueViolation(error)) {
      const winner = await db.source.findUnique({
        where: { contentHash: prepared.contentHash },
        select: { id: true, title: true, _count: { select: { passages: true } } },
      });
      if (winner)
        return { sourceId: winner.id, created: false, passageCount: winner._count.passages, title: winner.title };
    }
    throw error;
  }
}

/** Where a new version stands among its source's versions (lib/sources/versions.ts). */
export type VersionPlacement = { versionNumber: number; firstVersionId: string; previousVersionId: string };

export const IMPORT_TRANSACTION = { timeout: 60_000, maxWait: 10_000 };

/**
 * Writes a prepared source inside the caller's transaction: the source, its authors, its
 * passages and their search documents, and the people it names. Returns the new source's id.
 * Texts, passages and documents go in bulk (lib/bulk-insert.ts): a few hundred statements for a
 * 5 MB source, with the people and names looked for while the database stores them.
 */
export async function createSourceRecords(
  tx: Tx,
  actor: MaybeActor,
  prepared: PreparedSource,
  version?: VersionPlacement,
  progress = new ImportProgressReporter(),
): Promise<string> {
  progress.startPassages(prepared.passages.length);
  const source = await tx.source.create({
    data: {
      title: prepared.title,
      publisher: prepared.publisher ?? null,
      url: prepared.url ?? null,
      publishedDate: prepared.publishedDate ?? null,
      accessedDate: prepared.accessedDate ?? null,
      kind: prepared.kind,
      language: prepared.language,
      format: prepared.format,
      // Written below past Prisma (lib/bulk-insert.ts writeLongText).
      originalText: "",
      text: "",
      contentHash: prepared.contentHash,
      importedById: actorId(actor),
      ...version,
      authors: { create: prepared.authors.map((name, position) => ({ name, position })) },
    },
    select: { id: true },
  });
  const sentenceSpans = new Set<string>();
  for (const passage of prepared.passages) if (passage.kind === "sentence") sentenceSpans.add(spanKey(passage));
  // The people the text names, and the names it uses that nobody known has, are looked for while
  // the database stores the texts and passages (BulkWriter.whileWaiting), and written after them.
  const people = await knownPeople(tx);
  let mentions: DetectedMention[] = [];
  let drafts: SuggestionDraft[] = [];
  await withBulkWriter(tx, async (writer) => {
    writer.whileWaiting(
      (function* () {
        mentions = yield* mentionMatcher(people).detectInSteps(prepared.text);
        drafts = yield* detectNameSuggestionsInSteps(prepared.text, prepared.glosses, people);
      })(),
    );
    await writeLongText(writer, { table: "Source", column: "originalText", id: source.id }, prepared.originalText);
    await writeLongText(writer, { table: "Source", column: "text", id: source.id }, prepared.text);
    // The passages first, then their search documents: on PostgreSQL each table's rows are one
    // COPY (lib/bulk-insert.ts). Each row is made as it is sent, so none outlives its batch.
    const passageTarget = {
      table: "Passage",
      columns: PASSAGE_COLUMNS,
      shared: [sharedSource(source.id), createdNow()],
    };
    const ids: string[] = new Array(prepared.passages.length);
    const total = prepared.passages.length;
    for (const [index, passage] of prepared.passages.entries()) {
      const id = newId();
      ids[index] = id;
      await writer.add(passageTarget, [
        id,
        passage.kind,
        passage.ordinal,
        passage.start,
        passage.end,
        passage.text,
        passage.prefix,
        passage.suffix,
      ]);
      if ((index + 1) % PROGRESS_EVERY === 0) progress.passages((index + 1) / 2);
    }
    const documentTarget = passageDocumentTarget();
    const fold = searchTextFolder();
    for (const [index, passage] of prepared.passages.entries()) {
      const document = {
        id: ids[index]!,
        sourceId: source.id,
        kind: passage.kind,
        text: passage.text,
        start: passage.start,
        end: passage.end,
      };
      await addPassageDocument(writer, documentTarget, document, sentenceSpans, fold);
      if ((index + 1) % PROGRESS_EVERY === 0) progress.passages((total + index + 1) / 2);
    }
    await writer.finish();
  });
  progress.passages(prepared.passages.length);
  await indexSource(tx, {
    id: source.id,
    title: prepared.title,
    authors: prepared.authors,
    publisher: prepared.publisher,
  });
  progress.stage("people");
  await refreshSourceMentions(tx, source.id, people, { detected: mentions });
  progress.stage("suggestions");
  const sentences: string[] = [];
  for (const passage of prepared.passages) if (passage.kind === "sentence") sentences.push(passage.text);
  await refreshSourceSuggestions(tx, source.id, prepared.glosses, people, { sentences, drafts });
  return source.id;
}
