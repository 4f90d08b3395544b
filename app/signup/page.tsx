import Link from "next/link";
import { firstParam } from "@/app/_helpers";
import { SignUpForm } from "@/components/auth/SignUpForm";
import { getDb } from "@/lib/db";
import { getRegistrationPolicy } from "@/lib/settings/registration";
import { registerAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Create an account" };

export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const invitation = firstParam((await searchParams).invite)?.slice(0, 200);
  const policy = await getRegistrationPolicy(getDb(), { hasInvitation: Boolean(invitation) });
  return (
    <>
      <h1>Create an account</h1>
      <p>{policy.allowed ? policy.explanation : policy.reason}</p>
      {policy.allowed && <SignUpForm register={registerAction} invitation={invitation} />}
      <p>
        Already a member? <Link href="/signin">Sign in</Link>
      </p>
    </>
  );
}
