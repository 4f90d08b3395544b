// CSL-JSON, BibTeX and RIS out of CSL-JSON items, written by citation-js (decision 0013): entry
// types, field names, name lists, dates and escaping follow its mappings, not ours.
import { Cite, plugins } from "@citation-js/core";
import "@citation-js/plugin-bibtex";
import "@citation-js/plugin-ris";
import type { CslItem } from "./csl";
import type { CitationFormat } from "./schemas";

// citation-js writes ASCII-only BibTeX by default and silently drops every character it has no
// LaTeX command for: a Cyrillic author or a Chinese title came out empty ("author = {, }"). It is
// switched to UTF-8 output (biber and BibTeX with inputenc read it), and the characters TeX treats
// specially are escaped before citation-js sees them (texEscape below). The item's id is the
// citation key (lib/citations/csl.ts citationKey), rather than a key citation-js derives from names
// it cannot read ("undefined1988").
const bibtexConfig = plugins.config.get("@bibtex");
bibtexConfig.format!.asciiOnly = false;
bibtexConfig.format!.useIdAsLabel = true;

const TEX_SPECIALS: Record<string, string> = {
  "\\": "\\textbackslash{}",
  "{": "\\{",
  "}": "\\}",
  "%": "\\%",
  "&": "\\&",
  $: "\\$",
  "#": "\\#",
  _: "\\_",
  "~": "\\textasciitilde{}",
  "^": "\\textasciicircum{}",
  // citation-js reads <i>, <b>, <sc>… in titles as rich text and opens a \textit{ it may never close.
  "<": "\\textless{}",
  ">": "\\textgreater{}",
};

/** The ten TeX special characters (and angle brackets) as the commands that print them. */
export function texEscape(value: string): string {
  return value.replace(/[\\{}%&$#_~^<>]/g, (char) => TEX_SPECIALS[char]!);
}

function forBibtex(item: CslItem): CslItem {
  return {
    ...item,
    title: texEscape(item.title),
    ...(item.author
      ? {
          author: item.author.map((name) =>
            Object.fromEntries(Object.entries(name).map(([part, value]) => [part, texEscape(value)])),
          ),
        }
      : {}),
    ...(item.publisher ? { publisher: texEscape(item.publisher) } : {}),
    ...(item.note ? { note: texEscape(item.note) } : {}),
  };
}

export const CITATION_CONTENT_TYPES: Record<CitationFormat, string> = {
  csl: "application/vnd.citationstyles.csl+json; charset=utf-8",
  bibtex: "application/x-bibtex; charset=utf-8",
  ris: "application/x-research-info-systems; charset=utf-8",
};

export const CITATION_EXTENSIONS: Record<CitationFormat, string> = { csl: "json", bibtex: "bib", ris: "ris" };

/** The items in one format: a CSL-JSON array, BibTeX entries or RIS records. */
export function formatCitations(items: CslItem[], format: CitationFormat): string {
  switch (format) {
    case "csl":
      return new Cite(items).format("data", { format: "text" });
    case "bibtex":
      return new Cite(items.map(forBibtex)).format("bibtex", { format: "text" });
    case "ris":
      return risText(new Cite(items).format("ris", { format: "object" }) as unknown as RisEntry[]);
  }
}

type RisEntry = Record<string, string | number | (string | number)[]>;

/**
 * RIS records as lines, from the tags citation-js maps each item to. Its own text output is the same
 * loop but folds every value at 70 characters with a bare line break, mid-word, which its own parser
 * (and Zotero's) joins back with a space: a long title came back as "…@misc{ev il,". Values are single
 * lines already (lib/citations/csl.ts oneLine), so no line of a value can pass for a tag.
 */
function risText(entries: RisEntry[]): string {
  return entries
    .map((entry) => {
      const lines = [`TY  - ${entry.TY}`];
      for (const [tag, value] of Object.entries(entry)) {
        if (tag === "TY") continue;
        for (const single of Array.isArray(value) ? value : [value]) lines.push(`${tag}  - ${single}`);
      }
      lines.push("ER  - ");
      return lines.join("\n");
    })
    .join("\n");
}

export const CITATION_FORMAT_LABELS: Record<CitationFormat, string> = {
  csl: "CSL-JSON",
  bibtex: "BibTeX",
  ris: "RIS",
};

export type CitationExport = { format: CitationFormat; label: string; text: string };

/** A source's reference in every format, for the "Copy citation" menu of the source page. */
export function citationExports(item: CslItem): CitationExport[] {
  return (Object.keys(CITATION_FORMAT_LABELS) as CitationFormat[]).map((format) => ({
    format,
    label: CITATION_FORMAT_LABELS[format],
    text: formatCitations([item], format),
  }));
}
