"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";

// Pages a member should not be sent back to after signing in.
const NOT_A_RETURN = /^\/(signin|signup|setup)(\/|$)/;

/** "Sign in" that brings the member back to the page they were on (the sign-in page checks the address). */
export function SignInLink() {
  const path = usePathname();
  const query = useSearchParams().toString();
  const here = `${path}${query ? `?${query}` : ""}`;
  const href =
    !path || path === "/" || NOT_A_RETURN.test(path) ? "/signin" : `/signin?callbackUrl=${encodeURIComponent(here)}`;
  return <Link href={href}>Sign in</Link>;
}
