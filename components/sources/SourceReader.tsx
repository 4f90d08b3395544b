"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import type { HighlightedParagraph } from "@/lib/sources/highlight";
import { MAX_SELECTION_LENGTH, normalizeSelection } from "@/lib/sources/selection";
import { citableRange, keyboardSelectionStart, SELECTION_SETTLE_MS, selectionStepForKey } from "./reader-selection";
import { type CitationMark, SourceText } from "./SourceText";

type ClaimOption = { id: string; slug: string; statement: string; status: string };

/** Maps a DOM selection point to an offset in the source text through the pieces' data-start/data-end. */
function pointToOffset(node: Node, offset: number): number | undefined {
  if (node.nodeType === Node.TEXT_NODE) {
    const piece = node.parentElement?.closest<HTMLElement>("[data-start]");
    return piece ? Number(piece.dataset.start) + offset : undefined;
  }
  const element = node as Element;
  const child = element.childNodes[offset];
  if (child) {
    const first =
      child.nodeType === Node.ELEMENT_NODE
        ? (child as Element).matches("[data-start]")
          ? (child as HTMLElement)
          : (child as Element).querySelector<HTMLElement>("[data-start]")
        : child.parentElement?.closest<HTMLElement>("[data-start]");
    if (first) return Number(first.dataset.start);
  }
  const all = element.querySelectorAll<HTMLElement>("[data-end]");
  const last = all[all.length - 1] ?? element.closest<HTMLElement>("[data-end]");
  return last ? Number(last.dataset.end) : undefined;
}

export function SourceReader({
  sourceId,
  text,
  textStart = 0,
  paragraphs,
  canCite,
}: {
  sourceId: string;
  /** The text shown (a page of the source), starting at `textStart` in the source. */
  text: string;
  textStart?: number;
  paragraphs: HighlightedParagraph<CitationMark>[];
  canCite: boolean;
}) {
  const router = useRouter();
  const hintId = useId();
  const container = useRef<HTMLElement>(null);
  const [span, setSpan] = useState<{ start: number; end: number } | undefined>();
  const [query, setQuery] = useState("");
  const [options, setOptions] = useState<ClaimOption[]>([]);
  const [claim, setClaim] = useState<ClaimOption | undefined>();
  const [stance, setStance] = useState<string>("");
  const [note, setNote] = useState("");
  // After a citation: its evidence id, for the one-click undo (DELETE /api/evidence/{id}).
  const [message, setMessage] = useState<
    { kind: "error" | "ok"; text: string; undo?: { evidenceId: string; claimSlug: string } } | undefined
  >();
  const [pending, setPending] = useState(false);

  // The passage a citation's link points at: marked and brought into view below the header. A link
  // followed inside the app changes the address with pushState, which the :target rule never sees.
  useEffect(() => {
    const mark = () => {
      for (const old of container.current?.querySelectorAll(".targeted") ?? []) old.classList.remove("targeted");
      let id = "";
      try {
        id = decodeURIComponent(window.location.hash.slice(1));
      } catch {
        return; // a malformed address (#%E0) points at nothing
      }
      const target = id ? document.getElementById(id) : null;
      if (!target || !container.current?.contains(target)) return;
      target.classList.add("targeted");
      target.scrollIntoView({ block: "start" });
    };
    mark();
    window.addEventListener("hashchange", mark);
    return () => window.removeEventListener("hashchange", mark);
  }, []);

  const readSelection = useCallback(() => {
    const range = citableRange(window.getSelection(), container.current);
    if (!range) return;
    const anchor = pointToOffset(range.startContainer, range.startOffset);
    const focus = pointToOffset(range.endContainer, range.endOffset);
    if (anchor === undefined || focus === undefined) return;
    const next = normalizeSelection(text, anchor - textStart, focus - textStart);
    if (!next) return;
    setSpan({ start: next.start + textStart, end: next.end + textStart });
    setMessage(undefined);
  }, [text, textStart]);

  useEffect(() => {
    if (!canCite) return;
    let settle: ReturnType<typeof setTimeout> | undefined;
    // A mouse drag is read once, on release; while the button is down the selection is still moving.
    let mouseDown = false;
    const readNow = () => {
      clearTimeout(settle);
      readSelection();
    };
    const onPointer = (event: PointerEvent) => {
      if (event.pointerType === "mouse") mouseDown = event.type === "pointerdown";
    };
    // The only event a touch selection (long-press, then the handles) gives, and one that also follows
    // the keyboard and assistive technology: read once the selection has settled.
    const onSelectionChange = () => {
      clearTimeout(settle);
      if (!mouseDown) settle = setTimeout(readSelection, SELECTION_SETTLE_MS);
    };
    const listeners: [string, (event: never) => void, boolean][] = [
      ["mouseup", readNow, false],
      ["keyup", readNow, false],
      ["pointerdown", onPointer, true],
      ["pointerup", onPointer, true],
      ["pointercancel", onPointer, true],
      ["selectionchange", onSelectionChange, false],
    ];
    for (const [type, listener, capture] of listeners)
      document.addEventListener(type, listener as EventListener, capture);
    return () => {
      clearTimeout(settle);
      for (const [type, listener, capture] of listeners)
        document.removeEventListener(type, listener as EventListener, capture);
    };
  }, [canCite, readSelection]);

  // Shift and the arrows extend a selection already in the text by themselves; the first press,
  // with nothing selected there yet, starts one (see keyboardSelectionStart).
  const startKeyboardSelection = (event: React.KeyboardEvent<HTMLElement>) => {
    const step = selectionStepForKey(event);
    const selection = window.getSelection();
    if (!step || !selection || !container.current || citableRange(selection, container.current)) return;
    const start = keyboardSelectionStart(container.current, selection);
    if (!start) return;
    event.preventDefault();
    selection.collapse(start.node, start.offset);
    selection.modify("extend", step.direction, step.granularity);
  };

  useEffect(() => {
    if (!span || query.trim().length < 2) {
      setOptions([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`/api/claims?q=${encodeURIComponent(query.trim())}&pageSize=8`, {
          signal: controller.signal,
        });
        if (response.ok) setOptions(((await response.json()) as { items: ClaimOption[] }).items);
      } catch {
        // aborted by the next keystroke
      }
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, span]);

  async function cite(event: React.FormEvent) {
    event.preventDefault();
    if (!span || !claim) return;
    if (!stance) {
      setMessage({ kind: "error", text: "Choose whether the words support, contradict or give context to the claim." });
      return;
    }
    setPending(true);
    const response = await fetch(`/api/claims/${claim.id}/evidence`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        passage: { sourceId, start: span.start, end: span.end },
        stance,
        note: note || undefined,
      }),
    });
    setPending(false);
    const body = (await response.json()) as { id?: string; error?: { message: string } };
    if (!response.ok) {
      setMessage({ kind: "error", text: body.error?.message ?? "Could not add the evidence." });
      return;
    }
    setMessage({
      kind: "ok",
      text: `Cited as ${stance} evidence for “${claim.statement}”.`,
      ...(body.id ? { undo: { evidenceId: body.id, claimSlug: claim.slug } } : {}),
    });
    setSpan(undefined);
    setNote("");
    setStance("");
    window.getSelection()?.removeAllRanges();
    router.refresh();
  }

  async function undoCitation(evidenceId: string) {
    setPending(true);
    const response = await fetch(`/api/evidence/${encodeURIComponent(evidenceId)}`, { method: "DELETE" });
    setPending(false);
    if (!response.ok) {
      const body = (await response.json()) as { error?: { message: string } };
      setMessage({ kind: "error", text: body.error?.message ?? "Could not undo the citation." });
      return;
    }
    setMessage({ kind: "ok", text: "Citation undone: the words are no longer evidence for the claim." });
    router.refresh();
  }

  const quote = span ? text.slice(span.start - textStart, span.end - textStart) : "";
  const tooLong = quote.length > MAX_SELECTION_LENGTH;
  return (
    <>
      {canCite && (
        <p className="muted small" id={hintId}>
          Select any words in the text to cite them as evidence for a claim: drag over them, or on a touch screen press
          and hold a word and drag the handles. With the keyboard, tab to the text and hold Shift with the arrow keys:
          the selection starts at the paragraph at the top of the screen (or at the cited passage you are on).
        </p>
      )}
      <section
        className="source-text"
        ref={container}
        aria-label="Source text"
        // Where a member may cite, focusable so the keyboard can select in it (Shift and the arrows).
        {...(canCite ? { tabIndex: 0, "aria-describedby": hintId, onKeyDown: startKeyboardSelection } : {})}
      >
        <SourceText paragraphs={paragraphs} />
      </section>
      {canCite && (span || message) && (
        <aside className="cite-panel card" aria-label="Cite the selection as evidence">
          {span && (
            <form onSubmit={cite} className="stack-form">
              <p className="small">
                Selected (characters {span.start}–{span.end}):{" "}
                <q>{quote.length > 300 ? `${quote.slice(0, 300)}…` : quote}</q>
              </p>
              {tooLong ? (
                <p className="form-error">
                  A passage can be at most {MAX_SELECTION_LENGTH} characters; select fewer words.
                </p>
              ) : (
                <>
                  <label>
                    Claim (type to search)
                    <input
                      type="search"
                      value={query}
                      onChange={(event) => setQuery(event.target.value)}
                      placeholder="Stalin ordered…"
                      autoComplete="off"
                    />
                  </label>
                  {options.length > 0 && (
                    <div className="claim-options" role="listbox" aria-label="Matching claims">
                      {options.map((option) => (
                        <button
                          key={option.id}
                          type="button"
                          role="option"
                          aria-selected={claim?.id === option.id}
                          className={claim?.id === option.id ? "selected" : "button-plain"}
                          onClick={() => setClaim(option)}
                        >
                          {option.statement}
                        </button>
                      ))}
                    </div>
                  )}
                  {claim && (
                    <p className="small">
                      Citing for: <strong>{claim.statement}</strong>
                    </p>
                  )}
                  <fieldset className="stance-choice">
                    <legend>Stance</legend>
                    {["supports", "contradicts", "context"].map((value) => (
                      <label key={value} className="checkbox">
                        <input
                          type="radio"
                          name="stance"
                          value={value}
                          checked={stance === value}
                          onChange={() => setStance(value)}
                        />{" "}
                        {value}
                      </label>
                    ))}
                  </fieldset>
                  <label>
                    Note (optional)
                    <input value={note} onChange={(event) => setNote(event.target.value)} maxLength={5000} />
                  </label>
                  <div className="form-actions">
                    <button type="submit" disabled={!claim || pending}>
                      {pending ? "Citing…" : "Cite as evidence"}
                    </button>
                    <button
                      type="button"
                      className="button-plain"
                      onClick={() => {
                        setSpan(undefined);
                        // Else the next key or settled selection would open the panel on the same words again.
                        window.getSelection()?.removeAllRanges();
                      }}
                    >
                      Cancel
                    </button>
                    <Link href="/claims/new">or create a new claim</Link>
                  </div>
                </>
              )}
            </form>
          )}
          {message && (
            <p
              role={message.kind === "error" ? "alert" : "status"}
              className={message.kind === "error" ? "form-error" : "form-ok"}
            >
              {message.text}
              {message.undo && (
                <>
                  {" "}
                  <Link href={`/claims/${message.undo.claimSlug}#evidence-${message.undo.evidenceId}`}>See it</Link>{" "}
                  <button
                    type="button"
                    className="button-plain"
                    disabled={pending}
                    onClick={() => message.undo && undoCitation(message.undo.evidenceId)}
                  >
                    Undo
                  </button>
                </>
              )}
            </p>
          )}
        </aside>
      )}
    </>
  );
}
