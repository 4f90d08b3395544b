import "server-only";
import { getEnv } from "@/lib/env";

/** The outside sign-in providers switched on by environment variables (for the sign-in page). */
export function listOAuthProviders(): { id: string; name: string }[] {
  const env = getEnv();
  return [
    ...(env.GITHUB_ID && env.GITHUB_SECRET ? [{ id: "github", name: "GitHub" }] : []),
    ...(env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET ? [{ id: "oidc", name: env.OIDC_NAME }] : []),
  ];
}
