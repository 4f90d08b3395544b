import { forwardFinder, isWhiteSpace } from "@/lib/text/scan";

// Each step below reads the text once (issue 16). The regular expression each one replaced is
// quoted in its comment: the step computes exactly what it did (the two were compared on random
// and hostile text), but the expressions searched ahead again from every "[" (or "**", "<!--",
// "<script") of a run that never closes, which made an imported page of brackets take seconds.

/**
 * Reduces Markdown to the text a reader sees: headings, emphasis, code spans, links and
 * images lose their markup (link and image text is kept, URLs are dropped), reference
 * definitions and horizontal rules disappear, list markers are kept as "- " or "1. ".
 * Inline HTML tags are removed and the content of scripts and styles dropped.
 * Entities are left for the caller to decode once.
 */
export function markdownToText(markdown: string): string {
  const lines = withoutHiddenElements(markdown).split("\n");
  const out: string[] = [];
  let inFence: string | undefined;

  for (const line of lines) {
    // Each rule below needs a particular character first (after at most three spaces, for most):
    // a line is tried only against the rules it can meet, so a million short lines stay cheap.
    let lead = 0;
    while (lead < line.length && isWhiteSpace(line.charCodeAt(lead))) lead++;
    const first = lead <= 3 ? (line[lead] ?? "") : "";
    const fence = first === "`" || first === "~" ? /^\s{0,3}(`{3,}|~{3,})/.exec(line) : null;
    if (fence) {
      if (inFence === undefined) inFence = fence[1]![0];
      else if (fence[1]![0] === inFence) inFence = undefined;
      out.push("");
      continue;
    }
    if (inFence !== undefined) {
      out.push(line);
      continue;
    }
    if (lead === line.length) {
      out.push(line); // blank
      continue;
    }
    if (first === "[" && /^\s{0,3}\[[^\]]+\]:\s*\S+/.test(line)) continue; // reference definition
    if ((first === "-" || first === "*" || first === "_") && /^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) {
      out.push(""); // horizontal rule
      continue;
    }
    if (
      (first === "=" || first === "-") &&
      /^\s{0,3}(=+|-+)\s*$/.test(line) &&
      out.length > 0 &&
      out[out.length - 1]!.trim() !== ""
    ) {
      out.push(""); // setext heading underline
      continue;
    }
    let text = line;
    const heading = first === "#" ? headingText(text) : undefined;
    if (heading !== undefined) {
      out.push("", inline(heading), "");
      continue;
    }
    if (first === ">") text = text.replace(/^\s{0,3}(>\s?)+/, "");
    if (text.includes("*") || text.includes("+")) text = text.replace(/^(\s*)[*+]\s+/, "$1- ");
    out.push(inline(text));
  }
  return out.join("\n");
}

const HIDDEN_ELEMENT_OPENING = /<(script|style|noscript|template)\b/gi;

/** /<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>/gi replaced by nothing. */
function withoutHiddenElements(markdown: string): string {
  const closings = new Map<string, ReturnType<typeof forwardFinder>>();
  const opening = new RegExp(HIDDEN_ELEMENT_OPENING);
  let out = "";
  let copied = 0;
  for (let match = opening.exec(markdown); match !== null; match = opening.exec(markdown)) {
    const name = match[1]!.toLowerCase();
    let closing = closings.get(name);
    if (!closing) {
      closing = forwardFinder(markdown, new RegExp(`<\\/${name}\\s*>`, "gi"));
      closings.set(name, closing);
    }
    const close = closing(match.index + match[0].length);
    if (!close) continue;
    out += markdown.slice(copied, match.index);
    copied = close.end;
    opening.lastIndex = close.end;
  }
  return copied === 0 ? markdown : out + markdown.slice(copied);
}

const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

/**
 * The text of an ATX heading line, as /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/ captures it, or undefined.
 * That expression backtracks over every split of a run of spaces (cubic: a heading followed by
 * 8,000 spaces took a minute and a half); here the closing #s and spaces are found from the end.
 */
function headingText(line: string): string | undefined {
  let at = 0;
  while (at < 4 && at < line.length && isWhiteSpace(line.charCodeAt(at))) at++;
  if (at > 3) return undefined;
  let hashes = 0;
  while (hashes < 7 && line[at + hashes] === "#") hashes++;
  if (hashes === 0 || hashes > 6) return undefined;
  let start = at + hashes;
  if (start >= line.length || !isWhiteSpace(line.charCodeAt(start))) return undefined;
  while (start < line.length && isWhiteSpace(line.charCodeAt(start))) start++;
  // The longest end of the line made of white space, then #s, then white space.
  let end = line.length;
  while (end > 0 && isWhiteSpace(line.charCodeAt(end - 1))) end--;
  while (end > 0 && line[end - 1] === "#") end--;
  while (end > 0 && isWhiteSpace(line.charCodeAt(end - 1))) end--;
  const text = line.slice(start, Math.max(start, end));
  return LINE_TERMINATOR.test(text) ? undefined : text;
}

// Characters that start inline markup: a line without any has none.
const INLINE_MARKUP = /[[<`*_~\\]/;

function inline(text: string): string {
  if (!INLINE_MARKUP.test(text)) return text;
  let result = withoutLinks(text, "![", 0, "(", ")"); // /!\[([^\]]*)\]\([^)]*\)/g
  result = withoutLinks(result, "[", 1, "(", ")"); // /\[([^\]]+)\]\([^)]*\)/g
  result = withoutLinks(result, "[", 1, "[", "]"); // /\[([^\]]+)\]\[[^\]]*\]/g
  result = withoutAutolinkBrackets(result);
  result = result.replace(/`([^`]+)`/g, "$1");
  result = withoutDelimiters(result, ["**", "__"]); // /(\*\*|__)(?=\S)([\s\S]*?\S)\1/g
  result = result
    .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?!\w)/g, "$1$2")
    .replace(/(^|[^\w])_(?=\S)([^_]*?\S)_(?!\w)/g, "$1$2");
  result = withoutDelimiters(result, ["~~"]); // /~~(?=\S)([\s\S]*?\S)~~/g
  result = result.replace(/\\([\\`*_{}[\]()#+\-.!>~|])/g, "$1");
  return withoutTags(result);
}

/**
 * `open` text `]` `target` … `close` replaced by the text alone: the link text is everything up to
 * the first "]" (at least `minTextLength` characters), the target everything up to the first `close`.
 */
function withoutLinks(text: string, open: string, minTextLength: number, target: string, close: string): string {
  if (!text.includes(open)) return text;
  const nextBracket = forwardFinder(text, /\]/);
  const nextClose = forwardFinder(text, close === ")" ? /\)/ : /\]/);
  let out = "";
  let copied = 0;
  for (let at = text.indexOf(open); at !== -1; ) {
    const textStart = at + open.length;
    const bracket = nextBracket(textStart);
    if (!bracket || bracket.start - textStart < minTextLength || text[bracket.start + 1] !== target) {
      at = text.indexOf(open, at + 1);
      continue;
    }
    const closing = nextClose(bracket.start + 2);
    if (!closing) {
      at = text.indexOf(open, at + 1);
      continue;
    }
    out += text.slice(copied, at) + text.slice(textStart, bracket.start);
    copied = closing.end;
    at = text.indexOf(open, copied);
  }
  return copied === 0 ? text : out + text.slice(copied);
}

const AUTOLINK_SCHEMES = ["https:", "http:", "mailto:"];

/** /<((?:https?|mailto):[^>\s]+)>/g replaced by the address. */
function withoutAutolinkBrackets(text: string): string {
  if (!text.includes("<")) return text;
  const nextStop = forwardFinder(text, /[>\s]/);
  let out = "";
  let copied = 0;
  for (let at = text.indexOf("<"); at !== -1; ) {
    const scheme = AUTOLINK_SCHEMES.find((prefix) => text.startsWith(prefix, at + 1));
    const addressStart = scheme === undefined ? -1 : at + 1 + scheme.length;
    const stop = addressStart === -1 ? undefined : nextStop(addressStart);
    if (!stop || stop.start === addressStart || text[stop.start] !== ">") {
      at = text.indexOf("<", at + 1);
      continue;
    }
    out += text.slice(copied, at) + text.slice(at + 1, stop.start);
    copied = stop.end;
    at = text.indexOf("<", copied);
  }
  return copied === 0 ? text : out + text.slice(copied);
}

const escapeForPattern = (literal: string) => literal.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");

/**
 * Emphasis by paired delimiters, /(D1|D2)(?=\S)([\s\S]*?\S)\1/g, replaced by what they enclose:
 * a delimiter followed by a non-space, up to the first same delimiter that follows a non-space.
 */
function withoutDelimiters(text: string, delimiters: string[]): string {
  if (!delimiters.some((delimiter) => text.includes(delimiter))) return text;
  const opening = new RegExp(delimiters.map((delimiter) => `${escapeForPattern(delimiter)}(?=\\S)`).join("|"), "g");
  const closings = new Map(
    delimiters.map((delimiter) => [
      delimiter,
      forwardFinder(text, new RegExp(`(?<=\\S)${escapeForPattern(delimiter)}`)),
    ]),
  );
  let out = "";
  let copied = 0;
  for (let match = opening.exec(text); match !== null; match = opening.exec(text)) {
    const delimiter = match[0];
    const contentStart = match.index + delimiter.length;
    const closing = closings.get(delimiter)!(contentStart + 1);
    if (!closing) {
      opening.lastIndex = match.index + 1;
      continue;
    }
    out += text.slice(copied, match.index) + text.slice(contentStart, closing.start);
    copied = closing.end;
    opening.lastIndex = closing.end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

const TAG = /<\/?[a-zA-Z][^<>]*>/y;

/** /<!--[\s\S]*?-->|<\/?[a-zA-Z][^<>]*>/g replaced by nothing. */
function withoutTags(text: string): string {
  if (!text.includes("<")) return text;
  const nextCommentEnd = forwardFinder(text, /-->/);
  const tag = new RegExp(TAG);
  let out = "";
  let copied = 0;
  for (let at = text.indexOf("<"); at !== -1; ) {
    let end = -1;
    if (text.startsWith("<!--", at)) end = nextCommentEnd(at + 4)?.end ?? -1;
    if (end === -1) {
      tag.lastIndex = at;
      if (tag.test(text)) end = tag.lastIndex;
    }
    if (end === -1) {
      at = text.indexOf("<", at + 1);
      continue;
    }
    out += text.slice(copied, at);
    copied = end;
    at = text.indexOf("<", copied);
  }
  return copied === 0 ? text : out + text.slice(copied);
}
