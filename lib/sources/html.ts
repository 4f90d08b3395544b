import { Parser } from "htmlparser2";
import { decodeEntities } from "./entities";

// Content of these elements is never text a reader sees.
const DROPPED = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "head",
  "svg",
  "math",
  "iframe",
  "object",
  "embed",
  "canvas",
  "video",
  "audio",
  "select",
  "button",
  "form",
]);
const BLOCK = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "body",
  "caption",
  "dd",
  "details",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "html",
  "li",
  "main",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "summary",
  "table",
  "tbody",
  "thead",
  "tfoot",
  "tr",
  "ul",
]);

export type HtmlMetadata = {
  title?: string;
  author?: string;
  publisher?: string;
  publishedDate?: string;
  url?: string;
  language?: string;
};

export type HtmlExtraction = { text: string; metadata: HtmlMetadata };

/**
 * Turns an HTML document into plain text: tags are removed (never interpreted), the
 * content of scripts, styles and other non-text elements is dropped, block elements become
 * paragraph breaks and entities are decoded. Also reads the citation metadata the page
 * declares (title, author, site, date, canonical URL, language).
 */
export function htmlToText(html: string): HtmlExtraction {
  const parts: string[] = [];
  const metadata: HtmlMetadata = {};
  let droppedDepth = 0;
  let preDepth = 0;
  let inTitle = false;
  let title = "";
  let firstHeading: string | undefined;
  let headingText: string | undefined;

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === "title") inTitle = true;
        if (name === "html" && attributes.lang) metadata.language = attributes.lang;
        if (name === "meta") readMeta(attributes, metadata);
        if (name === "link" && attributes.rel?.toLowerCase() === "canonical" && attributes.href) {
          metadata.url ??= attributes.href;
        }
        if (DROPPED.has(name)) {
          droppedDepth++;
          return;
        }
        if (droppedDepth > 0) return;
        if (name === "pre") preDepth++;
        if (name === "h1" && firstHeading === undefined) headingText = "";
        if (name === "br") parts.push("\n");
        else if (name === "li") parts.push("\n\n- ");
        else if (name === "td" || name === "th") parts.push(" ");
        else if (BLOCK.has(name)) parts.push("\n\n");
      },
      ontext(raw) {
        if (inTitle) title += raw;
        if (droppedDepth > 0) return;
        const decoded = decodeEntities(raw);
        const text = preDepth > 0 ? decoded : decoded.replace(/[ \t\r\n\f]+/g, " ");
        parts.push(text);
        if (headingText !== undefined) headingText += text;
      },
      onclosetag(name) {
        if (name === "title") inTitle = false;
        if (DROPPED.has(name)) {
          droppedDepth = Math.max(0, droppedDepth - 1);
          return;
        }
        if (droppedDepth > 0) return;
        if (name === "pre") preDepth = Math.max(0, preDepth - 1);
        if (name === "h1" && headingText !== undefined) {
          firstHeading = headingText.trim() || undefined;
          headingText = undefined;
        }
        if (BLOCK.has(name)) parts.push("\n\n");
      },
    },
    { decodeEntities: false, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();

  const cleanTitle = decodeEntities(title).replace(/\s+/g, " ").trim();
  metadata.title = cleanTitle || metadata.title || firstHeading;
  return { text: parts.join(""), metadata };
}

function readMeta(attributes: Record<string, string>, metadata: HtmlMetadata) {
  const key = (attributes.name ?? attributes.property ?? attributes.itemprop ?? "").toLowerCase();
  const content = attributes.content ? decodeEntities(attributes.content).trim() : "";
  if (!content) return;
  if (key === "author" || key === "article:author" || key === "citation_author") metadata.author ??= content;
  else if (key === "og:site_name" || key === "citation_publisher") metadata.publisher ??= content;
  else if (key === "og:url") metadata.url ??= content;
  else if (key === "og:title" || key === "citation_title") metadata.title ??= content;
  else if (key === "article:published_time" || key === "citation_publication_date" || key === "date") {
    const date = /^\d{4}(-\d{2}(-\d{2})?)?/.exec(content.replace(/\//g, "-"));
    if (date) metadata.publishedDate ??= date[0];
  }
}
