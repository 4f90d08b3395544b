import { forwardFinder, isWhiteSpace } from "@/lib/text/scan";

// A small Markdown subset for comments, parsed into a tree that React renders as text:
// raw HTML is never interpreted, and links keep only http(s) and mailto targets.

export type Inline =
  | { type: "text"; text: string }
  | { type: "code"; text: string }
  | { type: "strong"; children: Inline[] }
  | { type: "em"; children: Inline[] }
  | { type: "link"; href: string; children: Inline[] };

export type Block =
  | { type: "paragraph"; children: Inline[] }
  | { type: "heading"; level: number; children: Inline[] }
  | { type: "list"; ordered: boolean; items: Inline[][] }
  | { type: "quote"; children: Inline[] }
  | { type: "code"; text: string };

const SAFE_HREF = /^(https?:\/\/|mailto:)[^\s<>"']+$/i;

type Finders = Record<
  "backtick" | "star" | "underscore" | "bracket" | "hrefEnd" | "urlEnd",
  ReturnType<typeof forwardFinder>
>;

/**
 * Reads inline markup left to right, as the expression
 * /`([^`]+)`|\*\*([^*]+?)\*\*|__([^_]+?)__|\*([^*\s][^*]*?)\*|(?<![\w])_([^_\s][^_]*?)_(?![\w])|\[([^\]]+)\]\(([^)\s]+)\)|(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])/g
 * did: at each position the first kind that matches there wins. That expression searched for a
 * "]" again from every "[" of a run that never closes (quadratic); here each search resumes
 * where the previous one stopped, so a comment is read a bounded number of times.
 */
export function parseInline(text: string): Inline[] {
  const finders: Finders = {
    backtick: forwardFinder(text, /`/),
    star: forwardFinder(text, /\*/),
    underscore: forwardFinder(text, /_/),
    bracket: forwardFinder(text, /\]/),
    hrefEnd: forwardFinder(text, /[)\s]/),
    urlEnd: forwardFinder(text, /[\s<>()]/),
  };
  const out: Inline[] = [];
  let last = 0;
  for (let at = 0; at < text.length; ) {
    const found = inlineAt(text, at, finders);
    if (!found) {
      at++;
      continue;
    }
    if (at > last) out.push({ type: "text", text: text.slice(last, at) });
    out.push(found.node);
    last = at = found.end;
  }
  if (last < text.length) out.push({ type: "text", text: text.slice(last) });
  return out;
}

const WORD_CHARACTER = /\w/;
const URL_TRAILING_PUNCTUATION = new Set([".", ",", ";", ":", "!", "?", "'", '"']);

/** The markup starting exactly at `at`, if any, and where it ends. */
function inlineAt(text: string, at: number, next: Finders): { node: Inline; end: number } | undefined {
  const char = text[at];
  const following = text[at + 1] ?? "";
  if (char === "`") {
    const close = next.backtick(at + 1);
    if (close && close.start > at + 1)
      return { node: { type: "code", text: text.slice(at + 1, close.start) }, end: close.end };
    return undefined;
  }
  if (char === "*" || char === "_") {
    const close = (char === "*" ? next.star : next.underscore)(at + 2);
    if (!close) return undefined;
    // Strong: the content (no delimiter in it) runs to the first delimiter, which must be doubled.
    if (following === char) {
      if (close.start > at + 2 && text[close.start + 1] === char) {
        return {
          node: { type: "strong", children: parseInline(text.slice(at + 2, close.start)) },
          end: close.start + 2,
        };
      }
      return undefined;
    }
    if (following === "" || /\s/.test(following)) return undefined;
    // Emphasis with _ only between non-word characters (snake_case stays as it is).
    if (char === "_" && (WORD_CHARACTER.test(text[at - 1] ?? "") || WORD_CHARACTER.test(text[close.start + 1] ?? ""))) {
      return undefined;
    }
    return { node: { type: "em", children: parseInline(text.slice(at + 1, close.start)) }, end: close.end };
  }
  if (char === "[") {
    const bracket = next.bracket(at + 1);
    if (!bracket || bracket.start === at + 1 || text[bracket.start + 1] !== "(") return undefined;
    const hrefStart = bracket.start + 2;
    const hrefEnd = next.hrefEnd(hrefStart);
    if (!hrefEnd || hrefEnd.start === hrefStart || text[hrefEnd.start] !== ")") return undefined;
    const href = text.slice(hrefStart, hrefEnd.start);
    const node: Inline = SAFE_HREF.test(href)
      ? { type: "link", href, children: parseInline(text.slice(at + 1, bracket.start)) }
      : { type: "text", text: text.slice(at, hrefEnd.end) };
    return { node, end: hrefEnd.end };
  }
  if (char === "h") {
    const scheme = text.startsWith("https://", at) ? 8 : text.startsWith("http://", at) ? 7 : 0;
    if (scheme === 0) return undefined;
    const addressStart = at + scheme;
    const runEnd = next.urlEnd(addressStart)?.start ?? text.length;
    // The address ends on its last character that is not punctuation closing a sentence.
    let end = runEnd;
    while (end > addressStart + 1 && URL_TRAILING_PUNCTUATION.has(text[end - 1]!)) end--;
    if (end <= addressStart + 1) return undefined;
    const href = text.slice(at, end);
    return { node: { type: "link", href, children: [{ type: "text", text: href }] }, end };
  }
  return undefined;
}

/** What /^(#{1,6})\s+(.*)$/ finds, without backtracking over a run of spaces for each split of it. */
function atxHeading(line: string): { level: number; text: string } | undefined {
  let hashes = 0;
  while (hashes < 7 && line[hashes] === "#") hashes++;
  if (hashes === 0 || hashes > 6 || !isWhiteSpace(line.charCodeAt(hashes))) return undefined;
  let start = hashes;
  while (start < line.length && isWhiteSpace(line.charCodeAt(start))) start++;
  const text = line.slice(start);
  return /[\n\r\u2028\u2029]/.test(text) ? undefined : { level: hashes, text };
}

export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index]!;
    if (line.trim() === "") {
      index++;
      continue;
    }
    if (/^```/.test(line)) {
      const body: string[] = [];
      index++;
      while (index < lines.length && !/^```/.test(lines[index]!)) body.push(lines[index++]!);
      index++;
      blocks.push({ type: "code", text: body.join("\n") });
      continue;
    }
    const heading = atxHeading(line);
    if (heading) {
      // Comments sit under the page's own headings: start at level 3.
      blocks.push({ type: "heading", level: Math.min(6, heading.level + 2), children: parseInline(heading.text) });
      index++;
      continue;
    }
    if (/^\s*([-*+]|\d+[.)])\s+/.test(line)) {
      const ordered = /^\s*\d/.test(line);
      const items: Inline[][] = [];
      while (index < lines.length && /^\s*([-*+]|\d+[.)])\s+/.test(lines[index]!)) {
        items.push(parseInline(lines[index]!.replace(/^\s*([-*+]|\d+[.)])\s+/, "")));
        index++;
      }
      blocks.push({ type: "list", ordered, items });
      continue;
    }
    if (/^>\s?/.test(line)) {
      const quoted: string[] = [];
      while (index < lines.length && /^>\s?/.test(lines[index]!)) quoted.push(lines[index++]!.replace(/^>\s?/, ""));
      blocks.push({ type: "quote", children: parseInline(quoted.join(" ")) });
      continue;
    }
    // The line that opens the paragraph is taken whatever it looks like: a line that looks like a
    // block but is none ("# a" with a line separator in it) would otherwise be left where it is,
    // and the loop would never end.
    const paragraph: string[] = [lines[index++]!];
    while (
      index < lines.length &&
      lines[index]!.trim() !== "" &&
      !/^(```|#{1,6}\s|>|\s*([-*+]|\d+[.)])\s+)/.test(lines[index]!)
    ) {
      paragraph.push(lines[index++]!);
    }
    blocks.push({ type: "paragraph", children: parseInline(paragraph.join(" ")) });
  }
  return blocks;
}
