import Link from "next/link";
import { firstParam } from "@/app/_helpers";
import { ProviderButtons } from "@/components/auth/ProviderButtons";
import { SignInForm } from "@/components/auth/SignInForm";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { listOAuthProviders } from "@/lib/auth/providers";
import { getEnv } from "@/lib/env";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  // Only paths on this site: a sign-in link must not send people elsewhere.
  const callbackUrl = safeCallbackPath(firstParam(params.callbackUrl), getEnv().NEXTAUTH_URL);
  return (
    <>
      <h1>Sign in</h1>
      <SignInForm callbackUrl={callbackUrl} initialError={firstParam(params.error)} />
      <ProviderButtons providers={listOAuthProviders()} callbackUrl={callbackUrl} />
      <p>
        No account? <Link href="/signup">Create one</Link> (open registration or an invitation link).
      </p>
    </>
  );
}
