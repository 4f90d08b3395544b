// Properties of the comment Markdown parser and of folding (issue 16), on random and hostile text:
// every character shown comes from the comment, in order; links keep only safe targets; nothing
// throws and nothing hangs. How long they take on long hostile input: npm run bench:adversarial.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldText } from "@/lib/text/fold";
import { type Block, type Inline, parseInline, parseMarkdown } from "@/lib/text/markdown";
import { forwardFinder, isWhiteSpace } from "@/lib/text/scan";
import { hostileText, isSubsequence, PROPERTY_RUNS, plainPhrase, plainWord } from "../hostile-text";

const runs = { numRuns: PROPERTY_RUNS };
// What a link may point to: the web or mail, nothing that runs (javascript:, data:).
const SAFE_TARGET = /^(https?:\/\/|mailto:)[^\s<>]+$/i;

function shown(nodes: Inline[]): string {
  return nodes.map((node) => ("children" in node ? shown(node.children) : node.text)).join("");
}

function links(nodes: Inline[]): string[] {
  return nodes.flatMap((node) => [
    ...(node.type === "link" ? [node.href] : []),
    ...("children" in node ? links(node.children) : []),
  ]);
}

function blockText(block: Block): string {
  if (block.type === "code") return block.text;
  if (block.type === "list") return block.items.map(shown).join("");
  return shown(block.children);
}

describe("parseInline", () => {
  it("shows only characters of the comment, in order, and links only to http(s) and mailto", () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const nodes = parseInline(text);
        expect(isSubsequence(shown(nodes), text)).toBe(true);
        for (const href of links(nodes)) expect(href).toMatch(SAFE_TARGET);
        for (const node of nodes) if (node.type === "text" || node.type === "code") expect(node.text).not.toBe("");
      }),
      runs,
    );
  });

  it("keeps text without markup characters as one text node", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-gi-zA-Z0-9 ,.!?()\]#>-]{1,80}$/), (plain) => {
        expect(parseInline(plain)).toEqual([{ type: "text", text: plain }]);
      }),
      runs,
    );
  });

  it("reads emphasis, code and links around plain words", () => {
    fc.assert(
      fc.property(plainPhrase, plainWord, (words, path) => {
        const text = [{ type: "text", text: words }];
        expect(parseInline(`**${words}**`)).toEqual([{ type: "strong", children: text }]);
        expect(parseInline(`*${words}*`)).toEqual([{ type: "em", children: text }]);
        expect(parseInline(`\`${words}\``)).toEqual([{ type: "code", text: words }]);
        expect(parseInline(`[${words}](https://example.org/${path})`)).toEqual([
          { type: "link", href: `https://example.org/${path}`, children: text },
        ]);
        expect(parseInline(`[${words}](javascript:${path})`)).toEqual([
          { type: "text", text: `[${words}](javascript:${path})` },
        ]);
        expect(parseInline(`see https://example.org/${path}.`)).toEqual([
          { type: "text", text: "see " },
          {
            type: "link",
            href: `https://example.org/${path}`,
            children: [{ type: "text", text: `https://example.org/${path}` }],
          },
          { type: "text", text: "." },
        ]);
      }),
      runs,
    );
  });
});

describe("parseMarkdown", () => {
  it("ends on every comment, showing only its characters in order, line breaks read as spaces", () => {
    const sameOrSpace = (shownChar: string, sourceChar: string) =>
      shownChar === sourceChar || (shownChar === " " && sourceChar === "\n");
    fc.assert(
      fc.property(hostileText, (source) => {
        const blocks = parseMarkdown(source);
        const normalized = source.replace(/\r\n?/g, "\n");
        expect(blocks.length).toBeLessThanOrEqual(normalized.split("\n").length);
        expect(isSubsequence(blocks.map(blockText).join(""), normalized, sameOrSpace)).toBe(true);
      }),
      runs,
    );
  });

  it("ends on a heading line that holds a line separator", () => {
    // Read as a heading by one test and as nothing by the other, this line used to loop forever.
    expect(parseMarkdown("# a\u2028b")).toEqual([
      { type: "paragraph", children: [{ type: "text", text: "# a\u2028b" }] },
    ]);
    expect(parseMarkdown("text\n## x\u2029y\nmore")).toHaveLength(2);
  });

  it("reads headings, lists, quotes and code blocks", () => {
    fc.assert(
      fc.property(plainPhrase, plainPhrase, (first, second) => {
        const text = (words: string) => [{ type: "text", text: words }];
        expect(
          parseMarkdown(`# ${first}\n\n- ${first}\n- ${second}\n\n> ${second}\n\n\`\`\`\n${first}\n\`\`\``),
        ).toEqual([
          { type: "heading", level: 3, children: text(first) },
          { type: "list", ordered: false, items: [text(first), text(second)] },
          { type: "quote", children: text(second) },
          { type: "code", text: first },
        ]);
      }),
      runs,
    );
  });
});

describe("foldText", () => {
  it("gives lower-case letters and digits separated by single spaces, and is stable", () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const folded = foldText(text);
        expect(folded).toMatch(/^(?:[\p{L}\p{N}]+(?: [\p{L}\p{N}]+)*)?$/u);
        expect(foldText(folded)).toBe(folded);
      }),
      runs,
    );
    expect(foldText("Kádár, Urząd; Ежо́в’s")).toBe("kadar urzad ежовs");
  });
});

describe("the scanning helpers", () => {
  it("tell white space as the regular expression \\s does", () => {
    const disagreements: number[] = [];
    for (let code = 0; code < 0x10000; code++) {
      if (isWhiteSpace(code) !== /\s/.test(String.fromCharCode(code))) disagreements.push(code);
    }
    expect(disagreements).toEqual([]);
  });

  it("find the next match from any later position as a fresh search would", () => {
    fc.assert(
      fc.property(
        hostileText,
        fc.constantFrom(/\]/, /[>\s]/, /(?<=\S)\*\*/, /-->/),
        fc.array(fc.nat(200), { maxLength: 20 }),
        (text, pattern, steps) => {
          const find = forwardFinder(text, pattern);
          let from = 0;
          for (const step of steps) {
            from = Math.max(0, from + (step % 9) - 2);
            const fresh = new RegExp(pattern.source, "g");
            fresh.lastIndex = from;
            const match = fresh.exec(text);
            expect(find(from)).toEqual(match ? { start: match.index, end: match.index + match[0].length } : undefined);
          }
        },
      ),
      runs,
    );
  });
});
