"use client";

import { type ReactNode, startTransition, useActionState, useEffect, useId, useRef, useState } from "react";
import type { FormState } from "@/lib/forms/state";
import { FormStatus } from "./FormStatus";

type Props = {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  submitLabel: string;
  children?: ReactNode;
  className?: string;
  confirm?: string;
  tone?: "primary" | "danger" | "plain";
};

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** The words of a control's label, without the control's own text (a select's options, say). */
function labelWords(control: Control): string | null {
  const label = control.labels?.[0];
  if (!label) return null;
  const copy = label.cloneNode(true) as HTMLElement;
  for (const inner of copy.querySelectorAll("input, select, textarea, button, [aria-hidden='true'], .char-count"))
    inner.remove();
  const words = copy.textContent?.replace(/\s+/g, " ").trim();
  return words || null;
}

/**
 * A refusal in the words of the form: lib says "title: must be at least 5 characters"; the member
 * reads "Question: must be at least 5 characters", with the field marked and focused.
 */
function plainError(form: HTMLFormElement, state: FormState): { control: Control | null; message: string } {
  const message = state.error ?? "";
  const named = state.field ? form.elements.namedItem(state.field) : null;
  const control =
    named instanceof RadioNodeList ? ((named[0] as Control | undefined) ?? null) : (named as Control | null);
  if (!control || !state.field) return { control: null, message };
  const prefix = `${state.field}: `;
  const label = labelWords(control);
  return {
    control,
    message: label && message.startsWith(prefix) ? `${label}: ${message.slice(prefix.length)}` : message,
  };
}

// Fields limited to this many characters or more get a counter; shorter ones are names and notes.
const COUNTED_FROM = 200;

/**
 * A live "120 of 500 characters" under each long field, in place of the browser's silent cut at
 * its maxLength: the limit moves to the counter (and to lib, which refuses with the field named),
 * so a pasted text that is too long shows how much too long instead of losing its end.
 */
function countCharacters(form: HTMLFormElement): () => void {
  const cleanups: (() => void)[] = [];
  for (const control of form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
    "textarea, input[type='text'], input:not([type])",
  )) {
    const limit = control.maxLength;
    if (limit < COUNTED_FROM) continue;
    control.removeAttribute("maxlength");
    const counter = document.createElement("span");
    counter.className = "char-count small muted";
    counter.setAttribute("aria-live", "polite");
    const update = () => {
      const over = control.value.length - limit;
      counter.textContent =
        over > 0
          ? `${control.value.length} of ${limit} characters: ${over} too many`
          : `${control.value.length} of ${limit} characters`;
      counter.classList.toggle("char-count-over", over > 0);
    };
    update();
    control.after(counter);
    control.addEventListener("input", update);
    cleanups.push(() => {
      control.removeEventListener("input", update);
      counter.remove();
      control.maxLength = limit;
    });
  }
  return () => {
    for (const cleanup of cleanups) cleanup();
  };
}

/** Takes the marks of a refusal off the field that had them. */
function unmark(marked: { current: Control | null }) {
  marked.current?.removeAttribute("aria-invalid");
  marked.current?.removeAttribute("aria-describedby");
  marked.current = null;
}

/**
 * A form bound to a server action, showing the action's error or confirmation next to it. What the
 * member typed stays after a refusal: React 19 empties a form after its action runs, so the form is
 * submitted by hand (the action still receives the same FormData) and emptied only on success. A
 * refusal naming a field marks that field (aria-invalid, described by the message), focuses it,
 * and goes away once the field is changed. Without JavaScript it posts as any form does.
 */
export function ActionForm({ action, submitLabel, children, className, confirm, tone = "primary" }: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  // What a submission made by this script shows (null: the state as it came, e.g. after a post without JavaScript).
  const [shown, setShown] = useState<FormState | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const submitted = useRef(false);
  const marked = useRef<Control | null>(null);
  const errorId = useId();

  useEffect(() => (form.current ? countCharacters(form.current) : undefined), []);

  useEffect(() => {
    if (!submitted.current || pending) return;
    submitted.current = false;
    unmark(marked);
    if (state.message && !state.error) {
      form.current?.reset();
      // reset() fires no input event: the counters read the emptied fields again.
      for (const control of form.current?.querySelectorAll("textarea, input") ?? []) {
        control.dispatchEvent(new Event("input", { bubbles: false }));
      }
      setShown(state);
      return;
    }
    if (!state.error || !form.current) {
      setShown(state);
      return;
    }
    const { control, message } = plainError(form.current, state);
    setShown({ ...state, error: message });
    if (control) {
      control.setAttribute("aria-invalid", "true");
      control.setAttribute("aria-describedby", errorId);
      marked.current = control;
      control.focus();
    }
  }, [state, pending, errorId]);

  return (
    <form
      ref={form}
      action={formAction}
      className={className ?? "stack-form"}
      onSubmit={(event) => {
        event.preventDefault();
        if (confirm && !window.confirm(confirm)) return;
        const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
        submitted.current = true;
        startTransition(() => formAction(data));
      }}
      onInput={(event) => {
        // The refusal was about this field: changing it makes the message stale.
        if (marked.current && event.target === marked.current) {
          unmark(marked);
          setShown({});
        }
      }}
    >
      {children}
      <FormStatus state={shown ?? state} pending={pending} label={submitLabel} tone={tone} errorId={errorId} />
    </form>
  );
}
