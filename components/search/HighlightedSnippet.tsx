import type { Snippet } from "@/lib/search/snippet";

/** A snippet with its matched words marked; leading and trailing ellipses when it is cut. */
export function HighlightedSnippet({ snippet, whole }: { snippet: Snippet; whole?: { start: number; end: number } }) {
  const pieces: { text: string; marked: boolean; at: number }[] = [];
  let cursor = snippet.start;
  for (const highlight of snippet.highlights) {
    if (highlight.start < cursor) continue;
    if (highlight.start > cursor)
      pieces.push({
        text: snippet.text.slice(cursor - snippet.start, highlight.start - snippet.start),
        marked: false,
        at: cursor,
      });
    pieces.push({
      text: snippet.text.slice(highlight.start - snippet.start, highlight.end - snippet.start),
      marked: true,
      at: highlight.start,
    });
    cursor = highlight.end;
  }
  if (cursor < snippet.end)
    pieces.push({ text: snippet.text.slice(cursor - snippet.start), marked: false, at: cursor });
  const cutBefore = whole ? snippet.start > whole.start : false;
  const cutAfter = whole ? snippet.end < whole.end : false;
  return (
    <span className="search-hit">
      {cutBefore && "… "}
      {pieces.map((piece) =>
        piece.marked ? <mark key={piece.at}>{piece.text}</mark> : <span key={piece.at}>{piece.text}</span>,
      )}
      {cutAfter && " …"}
    </span>
  );
}
