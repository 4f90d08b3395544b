"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { FormState } from "@/lib/forms/state";

/**
 * The first admin's account (app/setup). Like the sign-up form, it submits without letting the
 * browser reset it, so what was typed stays in place when lib refuses a field.
 */
export function SetupForm({ setup, token }: { setup: (formData: FormData) => Promise<FormState>; token: string }) {
  const router = useRouter();
  const [state, setState] = useState<FormState>({});
  const [pending, setPending] = useState(false);
  return (
    <form
      className="stack-form card"
      onSubmit={async (event) => {
        event.preventDefault();
        setPending(true);
        const result = await setup(new FormData(event.currentTarget));
        setState(result);
        if (result.error) {
          setPending(false);
          return;
        }
        router.push(`/signin?callbackUrl=${encodeURIComponent("/admin/users")}`);
      }}
    >
      <label>
        Name
        <input name="name" required maxLength={120} autoComplete="name" aria-invalid={state.field === "name"} />
      </label>
      <label>
        Email
        <input
          name="email"
          type="email"
          required
          maxLength={254}
          autoComplete="email"
          aria-invalid={state.field === "email"}
        />
      </label>
      <label>
        Password (at least 10 characters)
        <input
          name="password"
          type="password"
          required
          minLength={10}
          maxLength={200}
          autoComplete="new-password"
          aria-invalid={state.field === "password"}
        />
      </label>
      <input type="hidden" name="token" value={token} />
      <div className="form-actions">
        <button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create the admin account"}
        </button>
        {state.error && (
          <p role="alert" className="form-error">
            {state.error}
          </p>
        )}
        {state.message && !state.error && <p role="status">{state.message}</p>}
      </div>
    </form>
  );
}
