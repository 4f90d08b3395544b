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

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  const pattern =
    /`([^`]+)`|\*\*([^*]+?)\*\*|__([^_]+?)__|\*([^*\s][^*]*?)\*|(?<![\w])_([^_\s][^_]*?)_(?![\w])|\[([^\]]+)\]\(([^)\s]+)\)|(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) out.push({ type: "text", text: text.slice(last, match.index) });
    const [whole, code, strong1, strong2, em1, em2, linkText, linkHref, bare] = match;
    if (code !== undefined) out.push({ type: "code", text: code });
    else if (strong1 !== undefined || strong2 !== undefined)
      out.push({ type: "strong", children: parseInline(strong1 ?? strong2!) });
    else if (em1 !== undefined || em2 !== undefined) out.push({ type: "em", children: parseInline(em1 ?? em2!) });
    else if (linkText !== undefined) {
      out.push(
        SAFE_HREF.test(linkHref!)
          ? { type: "link", href: linkHref!, children: parseInline(linkText) }
          : { type: "text", text: whole },
      );
    } else if (bare !== undefined) out.push({ type: "link", href: bare, children: [{ type: "text", text: bare }] });
    last = match.index + whole.length;
  }
  if (last < text.length) out.push({ type: "text", text: text.slice(last) });
  return out;
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
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      // Comments sit under the page's own headings: start at level 3.
      blocks.push({ type: "heading", level: Math.min(6, heading[1]!.length + 2), children: parseInline(heading[2]!) });
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
    const paragraph: string[] = [];
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
