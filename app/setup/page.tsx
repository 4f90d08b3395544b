import Link from "next/link";
import { firstParam } from "@/app/_helpers";
import { SetupForm } from "@/components/auth/SetupForm";
import { getDb } from "@/lib/db";
import { getSetupLinkStatus } from "@/lib/users/setup";
import { setupAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Set up this installation" };

export default async function SetupPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const token = firstParam((await searchParams).token)?.slice(0, 200);
  const status = await getSetupLinkStatus(getDb(), token);
  return (
    <>
      <h1>Set up this installation</h1>
      {status === "ready" && (
        <>
          <p>Create the first admin account. The admin then invites the team and chooses how others may join.</p>
          <SetupForm setup={setupAction} token={token ?? ""} />
        </>
      )}
      {status === "done" && (
        <p>
          This installation already has an admin. <Link href="/signin">Sign in</Link>, or ask an admin for an
          invitation.
        </p>
      )}
      {status === "unusable" && (
        <>
          <p>This setup link is unknown, used or expired.</p>
          <p>
            While this installation has no admin, the server prints a fresh setup link (valid for 24 hours) on its
            console each time it starts: restart it (<code>npm start</code>) and open the link it prints. Each new link
            replaces the one before.
          </p>
        </>
      )}
    </>
  );
}
