import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth/options";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ nextauth: string[] }> };

// next-auth 4 reads the catch-all segments from params; Next 16 passes them as a promise.
async function handler(request: Request, context: Context) {
  return NextAuth(getAuthOptions())(request, { params: await context.params });
}

export { handler as GET, handler as POST };
