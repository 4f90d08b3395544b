"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState } from "react";
import type { FormState } from "@/lib/forms/state";

export function SignUpForm({
  register,
  invitation,
}: {
  register: (formData: FormData) => Promise<FormState>;
  invitation?: string;
}) {
  const router = useRouter();
  const [state, setState] = useState<FormState>({});
  const [pending, setPending] = useState(false);
  return (
    <form
      className="stack-form card"
      onSubmit={async (event) => {
        event.preventDefault();
        setPending(true);
        const form = new FormData(event.currentTarget);
        const result = await register(form);
        if (result.error) {
          setPending(false);
          setState(result);
          return;
        }
        const signedIn = await signIn("credentials", {
          email: String(form.get("email")),
          password: String(form.get("password")),
          redirect: false,
        });
        setPending(false);
        if (signedIn?.error) {
          setState({ message: "Your account is ready. Sign in to continue." });
          router.push("/signin");
          return;
        }
        router.push("/");
        router.refresh();
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
      {invitation ? <input type="hidden" name="invitation" value={invitation} /> : null}
      <div className="form-actions">
        <button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create account"}
        </button>
        {state.error && (
          <p role="alert" className="form-error">
            {state.error}
          </p>
        )}
        {state.message && <p role="status">{state.message}</p>}
      </div>
    </form>
  );
}
