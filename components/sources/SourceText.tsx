import Link from "next/link";
import type { HighlightedParagraph } from "@/lib/sources/highlight";

export type CitationMark = { passageId: string; evidence: { id: string; stance: string; claim: { slug: string; statement: string } }[] };

function stanceClass(marks: { data: CitationMark }[]): string {
  const stances = new Set(marks.flatMap((mark) => mark.data.evidence.map((item) => item.stance)));
  return stances.size === 1 ? `stance-${[...stances][0]}` : "stance-mixed";
}

/** The cleaned text in paragraphs, cited passages marked by stance and linked to their claims. */
export function SourceText({ paragraphs }: { paragraphs: HighlightedParagraph<CitationMark>[] }) {
  const anchored = new Set<string>();
  return (
    <div className="source-text">
      {paragraphs.map((paragraph) => (
        <p key={paragraph.start} data-start={paragraph.start} data-end={paragraph.end}>
          {paragraph.pieces.map((piece) => {
            if (piece.marks.length === 0) return <span key={piece.start}>{piece.text}</span>;
            const innermost = piece.marks[piece.marks.length - 1]!.data;
            const first = innermost.evidence[0]!;
            const anchor = anchored.has(innermost.passageId) ? undefined : `passage-${innermost.passageId}`;
            anchored.add(innermost.passageId);
            const title = piece.marks
              .flatMap((mark) => mark.data.evidence.map((item) => `${item.stance}: ${item.claim.statement}`))
              .join("\n");
            return (
              <mark key={piece.start} id={anchor} className={stanceClass(piece.marks)} title={title}>
                <Link href={`/claims/${first.claim.slug}`}>{piece.text}</Link>
              </mark>
            );
          })}
        </p>
      ))}
    </div>
  );
}
