import assert from "node:assert/strict";
import { signIn } from "./moderation.flow";
import type { Context } from "./run";

export const discoveryFlow = {
  name: "a moderator is warned of a duplicate while typing, cites a suggested passage, finds Yezhov as Ezhov and adds a person suggested by a source",
  async run(context: Context) {
    const page = await context.browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await signIn(page, context, "moderator");

      // Duplicate warning while typing.
      await page.goto(`${context.baseUrl}/claims/new`);
      await page.getByLabel("Statement").pressSequentially("Stalin was behind the killing of Kirov", { delay: 10 });
      const warning = page.getByRole("status").filter({ hasText: "This may already be a claim" });
      // The moderation flow has renamed it "Stalin ordered the murder of Sergei Kirov" by now.
      await warning
        .getByRole("link", { name: /^Stalin ordered (Kirov's murder|the murder of Sergei Kirov)$/ })
        .waitFor();
      await context.screenshot(page, "duplicate-warning", { fullPage: false });

      // Suggested evidence, with reasons, cited in one click.
      await page.goto(`${context.baseUrl}/claims/stalin-ordered-kirovs-murder`);
      const suggested = page.getByRole("region", { name: "Suggested evidence" });
      const first = suggested.getByRole("listitem").first();
      await first.waitFor();
      assert.match((await first.textContent()) ?? "", /why: names .*Stalin/);
      const quoted = ((await first.locator("blockquote").textContent()) ?? "").trim();
      const supporting = page.getByRole("region", { name: "Supporting" });
      const before = await supporting.getByRole("article").count();
      await context.screenshot(page, "suggested-evidence");
      await first.getByRole("button", { name: "Cite as supporting" }).click();
      // The page refreshes: the passage joins the supporting evidence and leaves the suggestions.
      await supporting.getByRole("article").nth(before).waitFor();
      await page.reload();
      assert.equal(await supporting.getByRole("article").count(), before + 1);
      assert.ok(
        !((await suggested.textContent()) ?? "").includes(quoted.slice(0, 60)),
        "a cited passage is no longer suggested",
      );

      // Search under another spelling.
      await page.goto(`${context.baseUrl}/search?q=Ezhov`);
      await page.getByRole("link", { name: "Nikolai Yezhov" }).first().waitFor();

      // A person suggested by the Serov article, with dates from its gloss.
      await page.goto(`${context.baseUrl}/sources`);
      await page.getByRole("link", { name: "Ivan Serov" }).first().click();
      await page.waitForURL(/\/sources\//);
      const card = page.locator(".people-review .card", { hasText: "Viktor Semyonovich Abakumov" });
      await card.waitFor();
      assert.match((await card.textContent()) ?? "", /1908/);
      await card.getByRole("button", { name: "Add as a person" }).click();
      // The page refreshes: the new person is among the people the text mentions.
      await page.locator("dl.meta").getByRole("link", { name: "Viktor Semyonovich Abakumov" }).waitFor();
      await page.goto(`${context.baseUrl}/people?q=abakumov`);
      await page.getByRole("link", { name: "Viktor Semyonovich Abakumov" }).first().click();
      await page.getByRole("link", { name: "Ivan Serov", exact: true }).first().waitFor(); // the source that names him
      await context.screenshot(page, "suggested-person");
    } finally {
      await page.close();
    }
  },
};
