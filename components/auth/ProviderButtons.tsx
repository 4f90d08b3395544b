"use client";

import { signIn } from "next-auth/react";

export function ProviderButtons({
  providers,
  callbackUrl,
}: {
  providers: { id: string; name: string }[];
  callbackUrl: string;
}) {
  if (providers.length === 0) return null;
  return (
    <div className="toolbar">
      {providers.map((provider) => (
        <button
          key={provider.id}
          type="button"
          className="button-plain"
          onClick={() => signIn(provider.id, { callbackUrl })}
        >
          Sign in with {provider.name}
        </button>
      ))}
    </div>
  );
}
