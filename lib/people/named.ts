// Who a short text (a claim's statement) is about, from the mentions lib/people/detect.ts finds in
// it: the people in the order the text names them, each with the role to offer for them on a claim.
// Pure: the claim forms' people picker uses the same rule in the browser (roleForNext).
import type { CLAIM_PERSON_ROLES } from "@/lib/claims/schemas";
import type { DetectedMention } from "./detect";

export type ClaimPersonRole = (typeof CLAIM_PERSON_ROLES)[number];

export type NamedInText = {
  personId: string;
  /** The words that name them where the text first does ("Sergei Kirov", "Stalin"). */
  surface: string;
  /** Where those words start in the text. */
  start: number;
  role: ClaimPersonRole;
  /** Only a surname several known people share names them here: a guess for a human to confirm. */
  ambiguous: boolean;
};

const WORD_CHARACTER = /[\p{L}\p{N}]/u;
// "Kirov's murder", "the Kirovs' flat": a possessive names whose thing it is, not who acts.
const POSSESSIVE = /^['’]s?(?![\p{L}\p{N}])/u;

/** The first place a surface stands as whole words (not inside "Kirovsk"), or -1. */
function firstWholeOccurrence(text: string, surface: string): number {
  for (let at = text.indexOf(surface); at >= 0; at = text.indexOf(surface, at + 1)) {
    const before = text[at - 1];
    const after = text[at + surface.length];
    if ((before === undefined || !WORD_CHARACTER.test(before)) && (after === undefined || !WORD_CHARACTER.test(after)))
      return at;
  }
  return text.indexOf(surface);
}

/**
 * The people a text names, in the order it first names them, each with a suggested role: the
 * subject is the first person named other than in a possessive ("Kirov's bodyguard Borisov was
 * killed" is about Borisov), or the first one named when every name is a possessive; everyone
 * else is mentioned. A surname shared by several people ("Kirov" when two Kirovs are known) offers
 * each of them, marked ambiguous, in the role the name has. A suggestion: the member decides.
 */
export function peopleInOrder(text: string, mentions: DetectedMention[]): NamedInText[] {
  const byPerson = new Map<string, { surface: string; start: number; possessive: boolean; attached: boolean }>();
  for (const mention of mentions) {
    const start = firstWholeOccurrence(text, mention.surface);
    if (start < 0) continue;
    const possessive = POSSESSIVE.test(text.slice(start + mention.surface.length));
    const known = byPerson.get(mention.personId);
    const attached = mention.status === "attached" || (known?.attached ?? false);
    if (!known || start < known.start)
      byPerson.set(mention.personId, { surface: mention.surface, start, possessive, attached });
    else known.attached = attached;
  }
  const ordered = [...byPerson.entries()]
    .map(([personId, entry]) => ({ personId, ...entry }))
    .sort((a, b) => a.start - b.start || a.personId.localeCompare(b.personId));
  const subjectAt = (ordered.find((entry) => !entry.possessive) ?? ordered[0])?.start;
  return ordered.map((entry) => ({
    personId: entry.personId,
    surface: entry.surface,
    start: entry.start,
    role: entry.start === subjectAt ? "subject" : "mentioned",
    ambiguous: !entry.attached,
  }));
}

/** The role to give the next person chosen for a claim: the first is its subject, the others are mentioned. */
export function roleForNext(chosen: readonly { role: ClaimPersonRole }[]): ClaimPersonRole {
  return chosen.some((person) => person.role === "subject") ? "mentioned" : "subject";
}
