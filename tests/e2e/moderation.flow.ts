import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import type { Context } from "./run";

export async function signIn(page: Page, context: Context, role: string) {
  const account = context.accounts.find((entry) => entry.role === role);
  assert.ok(account, `no demo ${role} account`);
  await page.goto(`${context.baseUrl}/signin`);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("link", { name: /Cora|Mo |Ada|Vic/ }).waitFor();
}

/** What the navigation says waits for review. */
async function reviewCount(page: Page): Promise<number> {
  const label = await page.getByRole("link", { name: /^Review: \d+ waiting$/ }).getAttribute("aria-label");
  return Number(/\d+/.exec(label ?? "")?.[0]);
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("link", { name: "Sign in" }).waitFor();
}

export const moderationFlow = {
  name: "a contributor proposes an edit, a moderator approves it, and the change and its history show",
  async run(context: Context) {
    const page = await context.browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await signIn(page, context, "contributor");
      await page.goto(`${context.baseUrl}/claims/stalin-ordered-kirovs-murder`);
      await page.getByRole("link", { name: "Propose an edit" }).click();
      await page.getByLabel("Statement").fill("Stalin ordered the murder of Sergei Kirov");
      await page.getByLabel(/Why this change/).fill("Names Kirov in full.");
      await page.getByRole("button", { name: "Send proposal" }).click();
      await page.getByRole("status").filter({ hasText: "Proposal sent" }).waitFor();
      await context.screenshot(page, "proposal-sent");
      // Nothing changes until a moderator approves.
      await page.goto(`${context.baseUrl}/claims/stalin-ordered-kirovs-murder`);
      assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "Stalin ordered Kirov's murder");
      await signOut(page);

      await signIn(page, context, "moderator");
      await page.goto(`${context.baseUrl}/review`);
      const card = page.getByRole("article").filter({ hasText: "Names Kirov in full." });
      await card.locator("ins").filter({ hasText: "Sergei" }).waitFor();
      await context.screenshot(page, "review-queue");
      // The claim carries votes and the proposal changes its words: the moderator says what they answer.
      await card.getByText("This claim carries 4 votes").waitFor();
      await card.getByLabel(/Keep them:/).check();
      await card.getByRole("button", { name: "Approve" }).click();
      // Once applied, the proposal leaves the queue.
      await page.getByText("No proposed change waits.").waitFor();

      // A contributor's new claim waits in the same queue and is published from there.
      const pendingClaim = page.getByRole("listitem").filter({ hasText: "Kirov received more votes than Stalin" });
      const waitingBefore = await reviewCount(page);
      await pendingClaim.getByRole("button", { name: "Publish" }).click();
      await page.getByText("No new claim waits.").waitFor();
      // The count in the navigation follows: one thing less waits (people the sample texts suggest still do).
      await page.getByRole("link", { name: `Review: ${waitingBefore - 1} waiting` }).waitFor();

      await page.goto(`${context.baseUrl}/claims/stalin-ordered-kirovs-murder`);
      assert.equal(
        await page.getByRole("heading", { level: 1 }).textContent(),
        "Stalin ordered the murder of Sergei Kirov",
      );
      await context.screenshot(page, "claim-after-approval");
      await page.getByRole("navigation", { name: "Claim actions" }).getByRole("link", { name: "History" }).click();
      const newest = page.getByRole("article").first();
      await newest.getByText("approved").waitFor();
      assert.match((await newest.textContent()) ?? "", /Cora Contributor/);
      assert.match((await newest.textContent()) ?? "", /Names Kirov in full\./);
      await context.screenshot(page, "claim-history");
    } finally {
      await page.close();
    }
  },
};
