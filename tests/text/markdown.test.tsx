import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "@/components/ui/Markdown";
import { parseMarkdown } from "@/lib/text/markdown";

describe("comment Markdown", () => {
  it("renders emphasis, code, lists, quotes and http links", () => {
    const html = renderToStaticMarkup(
      <Markdown
        source={
          "# Note\n\nSee **Knight** and *Conquest*, `p. 12`, [the lecture](https://example.org/knight).\n\n- one\n- two\n\n> quoted"
        }
      />,
    );
    expect(html).toContain("<h3>Note</h3>");
    expect(html).toContain("<strong>Knight</strong>");
    expect(html).toContain("<em>Conquest</em>");
    expect(html).toContain("<code>p. 12</code>");
    expect(html).toContain(
      '<a href="https://example.org/knight" rel="nofollow ugc noopener noreferrer">the lecture</a>',
    );
    expect(html).toContain("<ul><li>one</li><li>two</li></ul>");
    expect(html).toContain("<blockquote>quoted</blockquote>");
  });

  it("keeps HTML as text and refuses unsafe link targets", () => {
    const html = renderToStaticMarkup(
      <Markdown
        source={
          '<script>alert(1)</script> <img src=x onerror=alert(1)> [click](javascript:alert(1)) [data](data:text/html,x) <a href="https://x.org">a</a>'
        }
      />,
    );
    expect(html).not.toMatch(/<script|<img|<a href="javascript|href="data:|<a href="https:\/\/x.org">/);
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain("[click](javascript:alert(1))");
  });

  it("keeps underscores inside words", () => {
    expect(parseMarkdown("snake_case_name stays")).toEqual([
      { type: "paragraph", children: [{ type: "text", text: "snake_case_name stays" }] },
    ]);
  });
});
