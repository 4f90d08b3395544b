import "server-only";
import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { type Actor, actorId } from "@/lib/permissions";
import { indexPassages } from "@/lib/search/documents";
import { MAX_SELECTION_LENGTH } from "@/lib/sources/selection";
import { findAll, quoteForSpan, type TextSpan } from "@/lib/sources/selectors";
import type { PassageRef } from "./schemas";

const KIND_PREFERENCE = { sentence: 0, paragraph: 1, selection: 2 } as const;

/**
 * Finds or creates the passage a reference points at. A span that coincides with an
 * imported sentence or paragraph reuses it; any other span becomes a "selection" passage
 * whose text is cut from the source, so source.text.slice(start, end) === passage.text holds.
 */
export async function resolvePassage(
  tx: Tx,
  actor: Actor,
  ref: PassageRef,
  // anyLength: a citation re-anchored to a new version may be longer than a reader selects.
  // source: the source's text when the caller holds it already (re-anchoring many citations).
  options: { anyLength?: boolean; source?: { id: string; text: string } } = {},
): Promise<{ id: string; sourceId: string }> {
  if ("passageId" in ref) {
    const passage = await tx.passage.findUnique({
      where: { id: ref.passageId },
      select: { id: true, sourceId: true, source: { select: { supersededAt: true } } },
    });
    if (!passage)
      throw new AppError("NOT_FOUND", `passageId: no passage with id "${ref.passageId}"`, { field: "passageId" });
    if (passage.source.supersededAt) throw replacedVersion("passageId");
    return { id: passage.id, sourceId: passage.sourceId };
  }
  const source =
    options.source?.id === ref.sourceId
      ? options.source
      : await tx.source.findUnique({
          where: { id: ref.sourceId },
          select: { id: true, text: true, supersededAt: true },
        });
  if (!source) throw new AppError("NOT_FOUND", `sourceId: no source with id "${ref.sourceId}"`, { field: "sourceId" });
  if ("supersededAt" in source && source.supersededAt) throw replacedVersion("sourceId");

  let span: TextSpan;
  if ("quote" in ref) {
    const positions = findAll(source.text, ref.quote);
    if (positions.length === 0) {
      throw new AppError("INVALID", "quote: these words do not occur in the source's text", { field: "quote" });
    }
    if (ref.occurrence === undefined && positions.length > 1) {
      throw new AppError("INVALID", `quote: occurs ${positions.length} times in the source; say which occurrence`, {
        field: "occurrence",
      });
    }
    const start = positions[(ref.occurrence ?? 1) - 1];
    if (start === undefined) {
      throw new AppError("INVALID", `occurrence: the quote occurs only ${positions.length} time(s)`, {
        field: "occurrence",
      });
    }
    span = { start, end: start + ref.quote.length };
  } else {
    if (ref.end > source.text.length) {
      throw new AppError("INVALID", `end: the source's text has only ${source.text.length} characters`, {
        field: "end",
      });
    }
    span = { start: ref.start, end: ref.end };
  }

  const quote = quoteForSpan(source.text, span);
  if (quote.text.trim() === "")
    throw new AppError("INVALID", "quote: the selection holds only white space", { field: "start" });

  const existing = await tx.passage.findMany({
    where: { sourceId: source.id, start: span.start, end: span.end },
    select: { id: true, sourceId: true, kind: true },
  });
  if (existing.length > 0) {
    existing.sort((a, b) => KIND_PREFERENCE[a.kind] - KIND_PREFERENCE[b.kind]);
    return { id: existing[0]!.id, sourceId: existing[0]!.sourceId };
  }
  // Every read of the claim carries its cited words: a new selection longer than a reader selects
  // is refused (the source's own sentences and paragraphs, found above, may be longer, and so may a
  // citation re-anchored to a new version of its source: anyLength).
  const spanLength = span.end - span.start;
  if (spanLength > MAX_SELECTION_LENGTH && options.anyLength !== true) {
    const field = "quote" in ref ? "quote" : "end";
    throw new AppError(
      "TOO_LARGE",
      `${field}: a cited passage may be at most ${MAX_SELECTION_LENGTH} characters (this one has ${spanLength}); cite fewer words`,
      { field },
    );
  }
  const ordinal = await tx.passage.count({ where: { sourceId: source.id, kind: "selection" } });
  const created = await tx.passage.create({
    data: {
      sourceId: source.id,
      kind: "selection",
      ordinal,
      start: span.start,
      end: span.end,
      text: quote.text,
      prefix: quote.prefix,
      suffix: quote.suffix,
      createdById: actorId(actor),
    },
    select: { id: true, sourceId: true, kind: true, text: true, start: true, end: true },
  });
  await indexPassages(tx, [created]);
  return { id: created.id, sourceId: created.sourceId };
}

// New citations go to the newest version of a source; the old ones stay readable where they are.
function replacedVersion(field: "sourceId" | "passageId"): AppError {
  return new AppError(
    "CONFLICT",
    `${field}: this version of the source has been replaced by a newer one; cite the newest`,
    {
      field,
    },
  );
}
