import "server-only";
import {
  type BulkColumn,
  type BulkTarget,
  type BulkWriter,
  createdNow,
  newId,
  withBulkWriter,
} from "@/lib/bulk-insert";
import type { Tx } from "@/lib/db";
import { searchText, searchTextFolder } from "./text";

// Kept short so an index row stays small; the full text is read from the passage itself.
const MAX_DOCUMENT_TEXT = 20_000;

type PassageRow = { id: string; sourceId: string; kind: string; text: string; start: number; end: number };

// What each passage's row gives, in order (the time of indexing is shared by the rows).
const DOCUMENT_COLUMNS: BulkColumn[] = [
  ["id", "text"],
  ["kind", "text"],
  ["refId", "text"],
  ["sourceId", "text"],
  ["subKind", "text"],
  ["text", "text"],
  ["folded", "text"],
];

/** Where passages' search documents go, written with a BulkWriter (see addPassageDocument). */
export function passageDocumentTarget(): BulkTarget {
  return { table: "SearchDocument", columns: DOCUMENT_COLUMNS, shared: [createdNow()] };
}

/**
 * Adds a passage's search document to a BulkWriter, unless the passage is a paragraph that is
 * one sentence, indexed once, as the sentence, so results do not come in pairs. `fold`
 * (searchTextFolder) is shared by the passages of a source: it keys each spelling once.
 */
export function addPassageDocument(
  writer: BulkWriter,
  target: BulkTarget,
  passage: PassageRow,
  sentenceSpans: ReadonlySet<string>,
  fold: (text: string) => string,
): Promise<void> | undefined {
  if (passage.kind === "paragraph" && sentenceSpans.has(spanKey(passage))) return undefined;
  const text = passage.text.slice(0, MAX_DOCUMENT_TEXT);
  return writer.add(target, [newId(), "passage", passage.id, passage.sourceId, passage.kind, text, fold(text)]);
}

/**
 * Adds passages to the search index (in the transaction that creates them). A paragraph that
 * is one sentence is indexed once, as the sentence, so results do not come in pairs.
 */
export async function indexPassages(
  tx: Tx,
  passages: Iterable<PassageRow>,
  sentenceSpans: ReadonlySet<string> = new Set(),
): Promise<void> {
  await withBulkWriter(tx, async (writer) => {
    const target = passageDocumentTarget();
    const fold = searchTextFolder();
    for (const passage of passages) await addPassageDocument(writer, target, passage, sentenceSpans, fold);
    await writer.finish();
  });
}

export function spanKey(span: { start: number; end: number }): string {
  return `${span.start}:${span.end}`;
}

async function upsert(
  tx: Tx,
  kind: string,
  refId: string,
  text: string,
  extra: { sourceId?: string | null; subKind?: string | null } = {},
) {
  const data = {
    text: text.slice(0, MAX_DOCUMENT_TEXT),
    folded: searchText(text.slice(0, MAX_DOCUMENT_TEXT)),
    sourceId: extra.sourceId ?? null,
    subKind: extra.subKind ?? null,
  };
  await tx.searchDocument.upsert({
    where: { kind_refId: { kind, refId } },
    create: { kind, refId, ...data },
    update: data,
  });
}

export async function indexClaim(tx: Tx, claim: { id: string; statement: string; status: string }): Promise<void> {
  await upsert(tx, "claim", claim.id, claim.statement, { subKind: claim.status });
}

export async function indexSource(
  tx: Tx,
  source: { id: string; title: string; authors: string[]; publisher?: string | null },
): Promise<void> {
  await upsert(
    tx,
    "source",
    source.id,
    [source.title, ...source.authors, source.publisher ?? ""].filter(Boolean).join(" · "),
    { sourceId: source.id },
  );
}

/** A person's document holds every spelling, so any of them finds the person. */
export async function indexPerson(tx: Tx, personId: string): Promise<void> {
  const person = await tx.person.findUnique({
    where: { id: personId },
    select: { name: true, aliases: { select: { name: true } } },
  });
  if (!person) {
    await tx.searchDocument.deleteMany({ where: { kind: "person", refId: personId } });
    return;
  }
  const spellings = [person.name, ...person.aliases.map((alias) => alias.name).filter((name) => name !== person.name)];
  await upsert(tx, "person", personId, spellings.join(" · "));
}
