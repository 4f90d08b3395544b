// What the source reader makes of the reader's selection, whichever way it was made: a mouse drag
// (read on mouseup), a touch (long-press and the handles: only `selectionchange` tells of it) or the
// keyboard (Shift and the arrow keys). Kept free of React so the decisions can be tested alone.

/**
 * How long the selection must stay still before the cite panel follows it. Touch handles and held
 * arrow keys change it many times a second; a quarter of a second is past one drag step and still
 * feels immediate.
 */
export const SELECTION_SETTLE_MS = 250;

type SelectionLike = Pick<Selection, "rangeCount" | "isCollapsed" | "getRangeAt">;
type ContainerLike = { contains(node: Node | null): boolean };

/**
 * The selected range worth citing: words (not a bare caret) inside the source text. A selection
 * in the cite panel's own fields, or one reaching past the text, is none of the reader's business.
 */
export function citableRange(
  selection: SelectionLike | null | undefined,
  container: ContainerLike | null | undefined,
): Range | undefined {
  if (!selection || !container || selection.rangeCount === 0 || selection.isCollapsed) return undefined;
  const range = selection.getRangeAt(0);
  return container.contains(range.commonAncestorContainer) ? range : undefined;
}

export type SelectionStep = {
  direction: "forward" | "backward";
  granularity: "character" | "word" | "line" | "lineboundary";
};

/**
 * The step a key press asks of the selection (for `Selection.modify("extend", …)`), or undefined
 * for a key that selects nothing: Shift with an arrow, Home or End; with Ctrl (Option on a Mac) the
 * arrows go by words.
 */
export function selectionStepForKey(event: {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}): SelectionStep | undefined {
  if (!event.shiftKey || event.metaKey) return undefined;
  const byWord = event.ctrlKey || event.altKey;
  switch (event.key) {
    case "ArrowRight":
      return { direction: "forward", granularity: byWord ? "word" : "character" };
    case "ArrowLeft":
      return { direction: "backward", granularity: byWord ? "word" : "character" };
    case "ArrowDown":
      return byWord ? undefined : { direction: "forward", granularity: "line" };
    case "ArrowUp":
      return byWord ? undefined : { direction: "backward", granularity: "line" };
    case "End":
      return byWord ? undefined : { direction: "forward", granularity: "lineboundary" };
    case "Home":
      return byWord ? undefined : { direction: "backward", granularity: "lineboundary" };
    default:
      return undefined;
  }
}

/** The first paragraph whose start is on screen, else the one the screen is in the middle of. */
function paragraphOnScreen(container: HTMLElement): HTMLElement | undefined {
  const paragraphs = [...container.querySelectorAll<HTMLElement>("p")];
  return (
    paragraphs.find((paragraph) => {
      const box = paragraph.getBoundingClientRect();
      return box.top >= 0 && box.top < window.innerHeight;
    }) ??
    paragraphs.find((paragraph) => paragraph.getBoundingClientRect().bottom > 0) ??
    paragraphs[0]
  );
}

/** The first word's position under an element: a text node and the offset of its first letter. */
function firstWord(element: Element): { node: Node; offset: number } | undefined {
  const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const offset = node.textContent?.search(/\S/) ?? -1;
    if (offset >= 0) return { node, offset };
  }
  return undefined;
}

/**
 * Where a selection made with the keyboard begins when none is in the text yet. Browsers extend a
 * selection with Shift and the arrows, but in text one cannot edit they give no caret to start from
 * (unless caret browsing is on, F7). So: at a caret placed in the text (a click, a tap, caret
 * browsing); else at the cited passage whose link has the focus; else at the first paragraph that
 * begins on screen.
 */
export function keyboardSelectionStart(
  container: HTMLElement,
  selection: Selection,
): { node: Node; offset: number } | undefined {
  if (selection.rangeCount > 0 && selection.isCollapsed && selection.anchorNode) {
    if (container.contains(selection.anchorNode)) return { node: selection.anchorNode, offset: selection.anchorOffset };
  }
  const active = container.ownerDocument.activeElement;
  const from = active && active !== container && container.contains(active) ? active : paragraphOnScreen(container);
  return from ? firstWord(from) : undefined;
}
