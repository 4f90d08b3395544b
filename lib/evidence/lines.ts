// Lines of evidence (docs/decisions/0020-lines-of-evidence.md): four passages that all repeat one
// second-hand account are one line of evidence, not four. Pieces of evidence that name the same
// origin (Evidence.originId) are one line; a piece that names none is a line by itself. Lines are
// counted per side: an origin cited on both sides is one line for and one against, and context
// (no side) is counted apart and changes neither side. Pure: the stored counters
// (lib/claims/stats.ts), the claim page and the tests all count with these two functions.

import type { STANCES } from "./schemas";

export type Stance = (typeof STANCES)[number];

/** What the count reads of a piece of evidence: its side, and the origin it derives from (null: none named). */
export type LineInput = { stance: Stance; originId: string | null };

/** One side's count: how many independent lines, and how many passages they hold. */
export type SideTally = { lines: number; passages: number };
export type LineTally = Record<Stance, SideTally>;

/** One line of evidence: an origin with its passages on one side, or one passage with no origin. */
export type EvidenceLine<T> = { originId: string | null; items: T[] };

const emptyTally = (): LineTally => ({
  supports: { lines: 0, passages: 0 },
  contradicts: { lines: 0, passages: 0 },
  context: { lines: 0, passages: 0 },
});

/** The independent lines and passages of each side, for any number of pieces of evidence (live ones only). */
export function tallyLines(items: Iterable<LineInput>): LineTally {
  const tally = emptyTally();
  const seen: Record<Stance, Set<string>> = { supports: new Set(), contradicts: new Set(), context: new Set() };
  for (const item of items) {
    const side = tally[item.stance];
    side.passages++;
    if (item.originId === null) side.lines++;
    else if (!seen[item.stance].has(item.originId)) {
      seen[item.stance].add(item.originId);
      side.lines++;
    }
  }
  return tally;
}

/**
 * The evidence of each side as lines, in the order their first passage comes in `items` (the page
 * lists evidence oldest first, so an origin sits where its first passage was cited), each line's
 * passages in their own order. Every item is in exactly one line; per side, as many lines as
 * `tallyLines` counts.
 */
export function groupLines<T extends LineInput>(items: readonly T[]): Record<Stance, EvidenceLine<T>[]> {
  const lines: Record<Stance, EvidenceLine<T>[]> = { supports: [], contradicts: [], context: [] };
  const byOrigin: Record<Stance, Map<string, EvidenceLine<T>>> = {
    supports: new Map(),
    contradicts: new Map(),
    context: new Map(),
  };
  for (const item of items) {
    if (item.originId === null) {
      lines[item.stance].push({ originId: null, items: [item] });
      continue;
    }
    const existing = byOrigin[item.stance].get(item.originId);
    if (existing) {
      existing.items.push(item);
      continue;
    }
    const line: EvidenceLine<T> = { originId: item.originId, items: [item] };
    byOrigin[item.stance].set(item.originId, line);
    lines[item.stance].push(line);
  }
  return lines;
}

/**
 * The lines of a claim's live evidence (oldest first), as the claim page and the API show them: per
 * side, the tally and each line's origin and pieces.
 */
export function linesOfEvidence<Origin>(
  evidence: readonly (LineInput & { id: string; origin: Origin | null })[],
): Record<Stance, SideTally & { groups: { origin: Origin | null; evidenceIds: string[] }[] }> {
  const grouped = groupLines(evidence);
  const tally = tallyLines(evidence);
  const side = (stance: Stance) => ({
    ...tally[stance],
    groups: grouped[stance].map((line) => ({
      origin: line.items[0]!.origin,
      evidenceIds: line.items.map((item) => item.id),
    })),
  });
  return { supports: side("supports"), contradicts: side("contradicts"), context: side("context") };
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/**
 * "3 independent lines for (5 passages), 2 against": how the claim page and the lists say it. The
 * passages are named only where they outnumber the lines (where grouping made a difference).
 */
export function describeLines(tally: Pick<LineTally, "supports" | "contradicts">): string {
  const passages = ({ lines, passages }: SideTally) =>
    passages > lines ? ` (${plural(passages, "passage", "passages")})` : "";
  const { supports, contradicts } = tally;
  return (
    `${plural(supports.lines, "independent line", "independent lines")} for${passages(supports)}, ` +
    `${contradicts.lines} against${passages(contradicts)}`
  );
}

/** One side as the lists show it: "3 independent lines for (5 passages)", "1 independent line against". */
export function describeSide(tally: SideTally, word: string): string {
  const passages = tally.passages > tally.lines ? ` (${plural(tally.passages, "passage", "passages")})` : "";
  return `${plural(tally.lines, "independent line", "independent lines")} ${word}${passages}`;
}
