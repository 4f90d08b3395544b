// The source page's "Copy citation" menu (components/sources/CitationFormats.tsx): what it renders
// for the formats lib makes, hostile metadata included.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CitationFormats } from "@/components/sources/CitationFormats";
import { sourceToCsl } from "@/lib/citations/csl";
import { citationExports } from "@/lib/citations/format";

const HOSTILE = `<script>alert("x")</script> {Kirov}`;

describe("CitationFormats", () => {
  const item = sourceToCsl({
    sourceId: "s1",
    title: HOSTILE,
    authors: ["Amy Knight"],
    publisher: null,
    url: null,
    publishedDate: "1999",
    accessedDate: null,
    kind: "book",
    language: "en",
  });
  const options = citationExports(item).map((entry) => ({
    ...entry,
    href: `/api/sources/s1/citation?format=${entry.format}`,
  }));

  it("offers each format, shows the first, copies and downloads it", () => {
    const markup = renderToStaticMarkup(<CitationFormats options={options} />);
    expect(markup.match(/<option /g)).toHaveLength(3);
    for (const label of ["CSL-JSON", "BibTeX", "RIS"]) expect(markup).toContain(`>${label}</option>`);
    expect(markup).toContain("Copy CSL-JSON");
    expect(markup).toContain('href="/api/sources/s1/citation?format=csl"');
    expect(markup).toContain("&quot;title&quot;");
  });

  it("renders hostile metadata as text", () => {
    const markup = renderToStaticMarkup(<CitationFormats options={options} />);
    expect(markup).not.toContain("<script>");
    expect(markup).toContain("&lt;script&gt;");
  });

  it("renders nothing without formats", () => {
    expect(renderToStaticMarkup(<CitationFormats options={[]} />)).toBe("");
  });
});
