"use client";

import { type ReactNode, startTransition, useActionState, useEffect, useRef } from "react";
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

/**
 * A form bound to a server action, showing the action's error or confirmation next to it. What the
 * member typed stays after a refusal: React 19 empties a form after its action runs, so the form is
 * submitted by hand (the action still receives the same FormData) and emptied only on success.
 * Without JavaScript it posts as any form does.
 */
export function ActionForm({ action, submitLabel, children, className, confirm, tone = "primary" }: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  const form = useRef<HTMLFormElement>(null);
  const submitted = useRef(false);
  useEffect(() => {
    if (!submitted.current || pending) return;
    submitted.current = false;
    if (state.message && !state.error) form.current?.reset();
  }, [state, pending]);
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
    >
      {children}
      <FormStatus state={state} pending={pending} label={submitLabel} tone={tone} />
    </form>
  );
}
