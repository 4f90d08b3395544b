import Link from "next/link";
import type { HighlightedParagraph } from "@/lib/sources/highlight";

export type CitationMark = {
  passageId: string;
  evidence: { id: string; stance: string; claim: { slug: string; statement: string } }[];
  /** The span a search result or suggestion pointed at, not a citation. */
  found?: boolean;
};

function stanceClass(marks: { data: CitationMark }[]): string {
  const stances = new Set(marks.flatMap((mark) => mark.data.evidence.map((item) => item.stance)));
  return stances.size === 1 ? `stance-${[...stances][0]}` : "stance-mixed";
}

/**
 * The cleaned text in paragraphs, cited passages marked by stance and linked to their claims.
 * Every piece carries its offsets (data-start/data-end), which is how a reader's selection is
 * mapped back to exact positions in the source.
 */
export function SourceText({ paragraphs }: { paragraphs: HighlightedParagraph<CitationMark>[] }) {
  const anchored = new Set<string>();
  return (
    <>
      {paragraphs.map((paragraph) => (
        <p key={paragraph.start}>
          {paragraph.pieces.map((piece) => {
            if (piece.marks.length === 0) {
              return (
                <span key={piece.start} data-start={piece.start} data-end={piece.end}>
                  {piece.text}
                </span>
              );
            }
            const found = piece.marks.some((mark) => mark.data.found);
            const citations = piece.marks.filter((mark) => !mark.data.found);
            const foundAnchor = found && !anchored.has("found") ? "found" : undefined;
            if (foundAnchor) anchored.add("found");
            if (citations.length === 0) {
              return (
                <mark
                  key={piece.start}
                  id={foundAnchor}
                  className="found"
                  data-start={piece.start}
                  data-end={piece.end}
                >
                  {piece.text}
                </mark>
              );
            }
            const innermost = citations[citations.length - 1]!.data;
            const first = innermost.evidence[0]!;
            const anchor =
              foundAnchor ?? (anchored.has(innermost.passageId) ? undefined : `passage-${innermost.passageId}`);
            anchored.add(innermost.passageId);
            const title = citations
              .flatMap((mark) => mark.data.evidence.map((item) => `${item.stance}: ${item.claim.statement}`))
              .join("\n");
            return (
              <mark
                key={piece.start}
                id={anchor}
                className={`${stanceClass(citations)}${found ? " found" : ""}`}
                title={title}
                data-start={piece.start}
                data-end={piece.end}
              >
                <Link href={`/claims/${first.claim.slug}`}>{piece.text}</Link>
              </mark>
            );
          })}
        </p>
      ))}
    </>
  );
}
