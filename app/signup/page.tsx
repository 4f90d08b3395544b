import Link from "next/link";
import { firstParam } from "@/app/_helpers";
import { SignUpForm } from "@/components/auth/SignUpForm";
import { getDb } from "@/lib/db";
import { getRegistrationMode } from "@/lib/settings/registration";
import { registerAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Create an account" };

export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const invitation = firstParam((await searchParams).invite)?.slice(0, 200);
  const db = getDb();
  const [mode, users] = await Promise.all([getRegistrationMode(db), db.user.count()]);
  const explanation =
    users === 0
      ? "This installation has no accounts yet: the first one becomes its admin."
      : invitation
        ? "You were invited: create your account below."
        : mode === "open"
          ? "Anyone may join as a contributor; what you write is reviewed by moderators."
          : mode === "invitation"
            ? "Joining needs an invitation link from an admin."
            : "Registration is closed on this installation.";
  return (
    <>
      <h1>Create an account</h1>
      <p>{explanation}</p>
      {(users === 0 || invitation || mode === "open") && (
        <SignUpForm register={registerAction} invitation={invitation} />
      )}
      <p>
        Already a member? <Link href="/signin">Sign in</Link>
      </p>
    </>
  );
}
