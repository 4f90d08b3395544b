"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button
      type="button"
      className="link-button"
      // next-auth's own redirect would go to NEXTAUTH_URL's host, which need not be the one in the
      // address bar (a sample installation reached as 127.0.0.1 or over the LAN): stay on this one.
      onClick={() => signOut({ redirect: false }).then(() => window.location.assign("/"))}
    >
      Sign out
    </button>
  );
}
