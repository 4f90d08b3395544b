import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { Suspense } from "react";
import { SignInLink } from "@/components/auth/SignInLink";
import { SignOutButton } from "@/components/auth/SignOutButton";
import { getRequestActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { countReviewQueue } from "@/lib/moderation/queries";
import { getViewer } from "@/lib/users/queries";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Fact-check", template: "%s · Fact-check" },
  description: "Claims, the evidence for and against them, and what the team believes.",
};

export const dynamic = "force-dynamic";

export default async function RootLayout({ children }: { children: ReactNode }) {
  const actor = await getRequestActor();
  const [viewer, waiting] = await Promise.all([getViewer(getDb(), actor), countReviewQueue(getDb(), actor)]);
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <nav aria-label="Main">
            <Link className="brand" href="/">
              Fact-check
            </Link>
            <Link href="/claims">Claims</Link>
            <Link href="/questions">Questions</Link>
            <Link href="/people">People</Link>
            <Link href="/sources">Sources</Link>
            <Link href="/search">Search</Link>
            {viewer?.can["create:claim"] && <Link href="/claims/new">New claim</Link>}
            {waiting && (
              <Link href="/review" aria-label={`Review: ${waiting.total} waiting`}>
                Review{waiting.total > 0 ? ` (${waiting.total})` : ""}
              </Link>
            )}
            {viewer?.can["manage:users"] && <Link href="/admin/users">Admin</Link>}
            {viewer ? (
              <span className="account">
                <Link href="/account">{viewer.name ?? viewer.email}</Link> <span className="role">({viewer.role})</span>{" "}
                <SignOutButton />
              </span>
            ) : (
              // The fallback, while the address is read, signs in to the home page.
              <Suspense fallback={<Link href="/signin">Sign in</Link>}>
                <SignInLink />
              </Suspense>
            )}
          </nav>
        </header>
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
