"use client";

import { type ReactNode, useActionState } from "react";
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

/** A form bound to a server action, showing the action's error or confirmation next to it. */
export function ActionForm({ action, submitLabel, children, className, confirm, tone = "primary" }: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form
      action={formAction}
      className={className ?? "stack-form"}
      onSubmit={(event) => {
        if (confirm && !window.confirm(confirm)) event.preventDefault();
      }}
    >
      {children}
      <FormStatus state={state} pending={pending} label={submitLabel} tone={tone} />
    </form>
  );
}
