/**
 * Reduces Markdown to the text a reader sees: headings, emphasis, code spans, links and
 * images lose their markup (link and image text is kept, URLs are dropped), reference
 * definitions and horizontal rules disappear, list markers are kept as "- " or "1. ".
 * Inline HTML tags are removed and the content of scripts and styles dropped.
 * Entities are left for the caller to decode once.
 */
export function markdownToText(markdown: string): string {
  const lines = markdown.replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>/gi, "").split("\n");
  const out: string[] = [];
  let inFence: string | undefined;

  for (const line of lines) {
    const fence = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
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
    if (/^\s{0,3}\[[^\]]+\]:\s*\S+/.test(line)) continue; // reference definition
    if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) {
      out.push(""); // horizontal rule
      continue;
    }
    if (/^\s{0,3}(=+|-+)\s*$/.test(line) && out.length > 0 && out[out.length - 1]!.trim() !== "") {
      out.push(""); // setext heading underline
      continue;
    }
    let text = line;
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(text);
    if (heading) {
      out.push("", inline(heading[1]!), "");
      continue;
    }
    text = text.replace(/^\s{0,3}(>\s?)+/, "");
    text = text.replace(/^(\s*)[*+]\s+/, "$1- ");
    out.push(inline(text));
  }
  return out.join("\n");
}

function inline(text: string): string {
  const result = text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, "$1")
    .replace(/<((?:https?|mailto):[^>\s]+)>/g, "$1")
    .replace(/`([^`]+)`/g, "$1")
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, "$2")
    .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?!\w)/g, "$1$2")
    .replace(/(^|[^\w])_(?=\S)([^_]*?\S)_(?!\w)/g, "$1$2")
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, "$1")
    .replace(/\\([\\`*_{}[\]()#+\-.!>~|])/g, "$1");
  return result.replace(/<!--[\s\S]*?-->|<\/?[a-zA-Z][^<>]*>/g, "");
}
