import { foldText } from "@/lib/text/fold";

/**
 * A gloss: the preview of a linked article that scrapers of encyclopedia pages paste right
 * after the link text, in the middle of the sentence ("...under Lavrentiy Beria Lavrentiy
 * Pavlovich Beria (... – 23 December 1953) was a Georgian Bolshevik ...\n, and played...").
 * It is not the source's own text: it is kept out of the cleaned text (and so out of every
 * passage) and used as evidence of a person's full name and dates.
 */
export type Gloss = { anchor: string; text: string };

const MAX_ANCHOR_WORDS = 6;
const MAX_GLOSS_LINES = 10;
const ARTICLES = new Set(["the", "a", "an"]);

const endsSentence = (line: string) => /[.!?]["”’)\]]?$/.test(line);
const endsWithEllipsis = (line: string) => /(\.\.\.|…)$/.test(line);
const withoutEllipsis = (text: string) => text.replace(/\s*(\.\.\.|…)$/, "");
// A line that continues the interrupted sentence: lower case or closing punctuation first.
const continuesSentence = (line: string) => /^[\p{Ll},.;:!?)\]’']/u.test(line);
// Glosses define: "X (dates) was ...", "The X is ...".
const isDefinitional = (gloss: string) => /\(| (?:was|is|are|were) /.test(gloss.slice(0, 400));

function words(text: string): string[] {
  return text.split(" ").filter(Boolean);
}

function sharedPrefixLength(a: string, b: string): number {
  let index = 0;
  while (index < a.length && index < b.length && a[index] === b[index]) index++;
  return index;
}

/** Whether a gloss opens by restating its anchor: "Nazis" → "Nazism ...", "NKVD" → "The People's ...", "Khrushchev" → "Nikita Sergeyevich Khrushchev (". */
function restates(anchor: string, gloss: string): boolean {
  const anchorWords = words(foldText(anchor));
  const glossWords = words(foldText(gloss.slice(0, 200)));
  if (anchorWords.length === 0 || glossWords.length === 0) return false;
  // An infobox pasted whole.
  if (gloss.startsWith("{{")) return true;
  if (!/^["'“‘(]*[\p{Lu}\p{N}]/u.test(gloss)) return false;
  if (ARTICLES.has(glossWords[0]!)) return true;
  if (sharedPrefixLength(anchorWords[0]!, glossWords[0]!) >= 3) return true;
  // The name before the parenthesis ends with the anchor's last word.
  const named = gloss.split(" (")[0]!;
  const namedWords = words(foldText(named));
  return namedWords.length <= 6 && namedWords[namedWords.length - 1] === anchorWords[anchorWords.length - 1];
}

type Line = { text: string; joinPrevious: boolean };

/** Removes glosses from normalized text, joining each anchor back into its sentence. */
export function stripGlosses(text: string): { text: string; glosses: Gloss[] } {
  const lines = text.split("\n");
  const out: Line[] = [];
  const glosses: Gloss[] = [];
  // The line after a gloss continues the sentence the gloss interrupted.
  let joinNext = false;
  const previousInterrupted = () => {
    const previous = out[out.length - 1]?.text ?? "";
    return previous !== "" && !endsSentence(previous);
  };

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;

    // Inline: "Anchor Gloss text ..." on one line.
    if (line && endsWithEllipsis(line) && previousInterrupted()) {
      const lineWords = words(line);
      let split = 0;
      for (let count = 1; count <= Math.min(MAX_ANCHOR_WORDS, lineWords.length - 2); count++) {
        const anchor = lineWords.slice(0, count).join(" ");
        const rest = lineWords.slice(count).join(" ");
        if (restates(anchor, rest)) {
          split = count;
          break;
        }
      }
      if (split > 0) {
        const anchor = lineWords.slice(0, split).join(" ");
        glosses.push({ anchor, text: withoutEllipsis(lineWords.slice(split).join(" ")) });
        out.push({ text: anchor, joinPrevious: true });
        joinNext = true;
        continue;
      }
    }

    // On its own lines: "Anchor\nGloss text...\n[more gloss lines ...]".
    const next = lines[index + 1];
    if (
      line &&
      next &&
      words(line).length <= MAX_ANCHOR_WORDS &&
      !endsSentence(line) &&
      previousInterrupted() &&
      restates(line, next) &&
      isDefinitional(next)
    ) {
      let end = -1;
      for (let at = index + 1; at < Math.min(lines.length, index + 1 + MAX_GLOSS_LINES); at++) {
        const candidate = lines[at]!;
        if (candidate === "") break;
        if (endsWithEllipsis(candidate)) {
          end = at;
          break;
        }
        if (at > index + 1 && continuesSentence(candidate)) {
          end = at - 1;
          break;
        }
        // Another link and its gloss begin: this gloss was cut off without an ellipsis. Only a
        // gloss cut mid-sentence is taken; otherwise the lines in between may be the source's own.
        const following = lines[at + 1];
        if (
          at > index + 1 &&
          following &&
          words(candidate).length <= MAX_ANCHOR_WORDS &&
          restates(candidate, following) &&
          isDefinitional(following)
        ) {
          if (!endsSentence(lines[index + 1]!)) end = index + 1;
          break;
        }
      }
      if (end === -1 && index + 2 < lines.length && continuesSentence(lines[index + 2]!)) end = index + 1;
      if (end !== -1) {
        glosses.push({ anchor: line, text: withoutEllipsis(lines.slice(index + 1, end + 1).join(" ")) });
        out.push({ text: line, joinPrevious: true });
        joinNext = true;
        index = end;
        continue;
      }
    }
    out.push({ text: line, joinPrevious: joinNext && line !== "" });
    joinNext = false;
  }

  if (glosses.length === 0) return { text, glosses };
  let result = "";
  out.forEach((line, position) => {
    if (position === 0) result = line.text;
    else if (!line.joinPrevious) result += `\n${line.text}`;
    else if (/^[,.;:!?)\]’']/.test(line.text) || result.endsWith("\n") || result === "") result += line.text;
    else result += ` ${line.text}`;
  });
  return { text: result, glosses };
}
