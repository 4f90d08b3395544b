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
// Not /\s*(\.\.\.|…)$/: tried from every space of a long run of them, that reads the run again each time.
const withoutEllipsis = (text: string) =>
  text.endsWith("...") ? text.slice(0, -3).trimEnd() : text.endsWith("…") ? text.slice(0, -1).trimEnd() : text;
// A line that continues the interrupted sentence: lower case or closing punctuation first.
const continuesSentence = (line: string) => /^[\p{Ll},.;:!?)\]’']/u.test(line);
// Glosses define: "X (dates) was ...", "The X is ...".
const isDefinitional = (gloss: string) => /\(| (?:was|is|are|were) /.test(gloss.slice(0, 400));

function words(text: string): string[] {
  return text.split(" ").filter(Boolean);
}

/** Whether `words(text)` has at most `most` words, counted without building them. */
function hasAtMostWords(text: string, most: number): boolean {
  let count = 0;
  let inWord = false;
  for (let index = 0; index < text.length; index++) {
    const isSpace = text.charCodeAt(index) === 32;
    if (!isSpace && !inWord && ++count > most) return false;
    inWord = !isSpace;
  }
  return true;
}

function sharedPrefixLength(a: string, b: string): number {
  let index = 0;
  while (index < a.length && index < b.length && a[index] === b[index]) index++;
  return index;
}

/** Whether a gloss opens by restating its anchor: "Nazis" → "Nazism ...", "NKVD" → "The People's ...", "Khrushchev" → "Nikita Sergeyevich Khrushchev (". */
function restates(anchor: string, gloss: string): boolean {
  const anchorWords = words(foldText(anchor));
  if (anchorWords.length === 0) return false;
  const glossWords = words(foldText(gloss.slice(0, 200)));
  if (glossWords.length === 0) return false;
  // An infobox pasted whole.
  if (gloss.startsWith("{{")) return true;
  if (!/^["'“‘(]*[\p{Lu}\p{N}]/u.test(gloss)) return false;
  if (ARTICLES.has(glossWords[0]!)) return true;
  if (sharedPrefixLength(anchorWords[0]!, glossWords[0]!) >= 3) return true;
  // The name before the parenthesis ends with the anchor's last word.
  const parenthesis = gloss.indexOf(" (");
  const named = parenthesis === -1 ? gloss : gloss.slice(0, parenthesis);
  const namedWords = words(foldText(named));
  return namedWords.length <= 6 && namedWords[namedWords.length - 1] === anchorWords[anchorWords.length - 1];
}

/** Removes glosses from normalized text, joining each anchor back into its sentence. */
export function stripGlosses(text: string): { text: string; glosses: Gloss[] } {
  const lines = text.split("\n");
  // The lines kept, and whether each joins the one before (an object per line costs more than the
  // test of a line, on a text of a million short lines).
  const out: string[] = [];
  const joinsPrevious: boolean[] = [];
  const keep = (line: string, joinPrevious: boolean) => {
    out.push(line);
    joinsPrevious.push(joinPrevious);
  };
  const glosses: Gloss[] = [];
  // The line after a gloss continues the sentence the gloss interrupted.
  let joinNext = false;
  const previousInterrupted = () => {
    const previous = out[out.length - 1] ?? "";
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
        keep(anchor, true);
        joinNext = true;
        continue;
      }
    }

    // On its own lines: "Anchor\nGloss text...\n[more gloss lines ...]".
    const next = lines[index + 1];
    // The cheaper tests first: these run for every line.
    if (
      line &&
      next &&
      !endsSentence(line) &&
      isDefinitional(next) &&
      hasAtMostWords(line, MAX_ANCHOR_WORDS) &&
      previousInterrupted() &&
      restates(line, next)
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
          hasAtMostWords(candidate, MAX_ANCHOR_WORDS) &&
          isDefinitional(following) &&
          restates(candidate, following)
        ) {
          if (!endsSentence(lines[index + 1]!)) end = index + 1;
          break;
        }
      }
      if (end === -1 && index + 2 < lines.length && continuesSentence(lines[index + 2]!)) end = index + 1;
      if (end !== -1) {
        glosses.push({ anchor: line, text: withoutEllipsis(lines.slice(index + 1, end + 1).join(" ")) });
        keep(line, true);
        joinNext = true;
        index = end;
        continue;
      }
    }
    keep(line, joinNext && line !== "");
    joinNext = false;
  }

  if (glosses.length === 0) return { text, glosses };
  // Pieces joined once at the end: asking a string built by += how it ends flattens it, every line.
  const pieces: string[] = [];
  let lastPiece = "";
  const append = (piece: string) => {
    if (piece === "") return;
    pieces.push(piece);
    lastPiece = piece;
  };
  out.forEach((line, position) => {
    if (position === 0) append(line);
    else if (!joinsPrevious[position]) append(`\n${line}`);
    else if (/^[,.;:!?)\]’']/.test(line) || lastPiece.endsWith("\n") || pieces.length === 0) append(line);
    else append(` ${line}`);
  });
  return { text: pieces.join(""), glosses };
}
