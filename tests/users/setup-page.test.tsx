// The setup page (app/setup) renders what lib/users/setup.ts decides: the form with the token for
// a usable link, a plain explanation otherwise.
import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import SetupPage from "@/app/setup/page";
import { ensureSetupLink } from "@/lib/users/setup";
import { makeUser } from "../factories";
import { db, resetDatabase } from "../helpers";

// The form's client component asks for the router, which only a running app provides.
vi.mock("next/navigation", () => ({ useRouter: () => ({ push: () => {}, refresh: () => {} }) }));

beforeEach(resetDatabase);

async function render(token?: string): Promise<string> {
  return renderToStaticMarkup(await SetupPage({ searchParams: Promise.resolve(token === undefined ? {} : { token }) }));
}

describe("the setup page", () => {
  it("offers the form, with the token in a hidden field, for a usable link", async () => {
    const link = await ensureSetupLink(db(), "http://localhost:3000");
    const token = new URL(link!).searchParams.get("token")!;
    const markup = await render(token);
    expect(markup).toContain(`<input type="hidden" name="token" value="${token}"/>`);
    for (const field of ["name", "email", "password"]) expect(markup).toContain(`name="${field}"`);
    expect(markup).not.toContain("unknown, used or expired");
  });

  it.each([
    ["no token", undefined],
    ["a made-up token", "made-up"],
  ])("says plainly that the link is unknown, used or expired (%s), and how to get a new one", async (_name, token) => {
    await ensureSetupLink(db(), "http://localhost:3000");
    const markup = await render(token);
    expect(markup).toContain("This setup link is unknown, used or expired.");
    expect(markup).toContain("restart it");
    expect(markup).not.toContain('name="password"');
  });

  it("sends to sign-in once an admin exists", async () => {
    await makeUser("admin", { password: "correct horse battery" });
    const markup = await render("anything");
    expect(markup).toContain("already has an admin");
    expect(markup).toContain('href="/signin"');
    expect(markup).not.toContain('name="password"');
  });
});
