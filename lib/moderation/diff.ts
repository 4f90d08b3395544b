import type { ClaimPatch } from "./document";

export type WordChange = { kind: "same" | "added" | "removed"; text: string };
export type ChangeLine = { label: string; before: string | null; after: string | null; words?: WordChange[] };

/** Word-level difference (longest common subsequence), for showing an edited statement. */
export function diffWords(before: string, after: string): WordChange[] {
  const a = before.split(/(\s+)/).filter(Boolean);
  const b = after.split(/(\s+)/).filter(Boolean);
  // Long texts would make the table huge; fall back to a whole replacement.
  if (a.length * b.length > 250_000)
    return [
      { kind: "removed", text: before },
      { kind: "added", text: after },
    ];
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i]![j] = a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const result: WordChange[] = [];
  const push = (kind: WordChange["kind"], text: string) => {
    const last = result[result.length - 1];
    if (last && last.kind === kind) last.text += text;
    else result.push({ kind, text });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push("same", a[i]!);
      i++;
      j++;
    } else if (table[i + 1]![j]! >= table[i]![j + 1]!) {
      push("removed", a[i++]!);
    } else {
      push("added", b[j++]!);
    }
  }
  while (i < a.length) push("removed", a[i++]!);
  while (j < b.length) push("added", b[j++]!);
  return result;
}

const STATUS_LABELS: Record<string, string> = {
  draft: "draft",
  pending_review: "pending review",
  published: "published",
  archived: "archived",
};

function peopleText(people: ClaimPatch["people"]): string | null {
  if (!people) return null;
  if (people.length === 0) return "(nobody)";
  return people.map((person) => `${person.name ?? person.personId} (${person.role})`).join(", ");
}

type EvidencePatch = NonNullable<ClaimPatch["evidence"]>[number];

/** The origin a piece of evidence derives from, as the history shows it. */
function originText(item: EvidencePatch | undefined): string | null {
  if (item?.originId === undefined) return null;
  return item.originId === null ? "none (a line of its own)" : (item.origin ?? "an origin");
}

/** Readable before/after lines of a revision. */
export function describePatch(before: ClaimPatch | null, after: ClaimPatch): ChangeLine[] {
  const lines: ChangeLine[] = [];
  if (after.statement !== undefined) {
    lines.push({
      label: "Statement",
      before: before?.statement ?? null,
      after: after.statement,
      words: before?.statement !== undefined ? diffWords(before.statement, after.statement) : undefined,
    });
  }
  if (after.status !== undefined) {
    lines.push({
      label: "Status",
      before: before?.status ? STATUS_LABELS[before.status]! : null,
      after: STATUS_LABELS[after.status]!,
    });
  }
  if (after.people !== undefined)
    lines.push({ label: "People", before: peopleText(before?.people), after: peopleText(after.people) });
  for (const item of after.evidence ?? []) {
    const was = before?.evidence?.find((entry) => entry.id === item.id);
    const label = `Evidence “${item.quote ?? item.id}”`;
    if (item.removed === true) {
      lines.push({ label, before: "linked", after: "removed" });
      continue;
    }
    if (item.removed === false && was?.removed === true) lines.push({ label, before: "removed", after: "restored" });
    if (!was && item.stance)
      lines.push({ label, before: null, after: `added as ${item.stance}${item.note ? ` — ${item.note}` : ""}` });
    if (was) {
      if (item.stance !== undefined)
        lines.push({ label: `${label}: stance`, before: was.stance ?? null, after: item.stance });
      if (item.note !== undefined) lines.push({ label: `${label}: note`, before: was.note ?? null, after: item.note });
      if (item.pinpoint !== undefined)
        lines.push({ label: `${label}: pinpoint`, before: was.pinpoint ?? null, after: item.pinpoint });
      if (item.originId !== undefined)
        lines.push({ label: `${label}: origin`, before: originText(was), after: originText(item) });
    }
  }
  return lines;
}
