import assert from "node:assert/strict";
import type { Route } from "playwright-core";
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
      // The suggestions are read again after the citation; held here, so what the list shows until
      // the new answer arrives is seen.
      const held: Route[] = [];
      const suggestionsApi = "**/api/claims/*/suggestions*";
      await page.route(suggestionsApi, (route) => {
        held.push(route);
      });
      await first.getByRole("button", { name: "Cite as supporting" }).click();
      // The page refreshes: the passage joins the supporting evidence and leaves the suggestions at
      // once, before they are read again.
      await supporting.getByRole("article").nth(before).waitFor();
      const stillSuggested = () =>
        suggested
          .getByRole("listitem")
          .filter({ hasText: quoted.slice(0, 60) })
          .count();
      for (let tries = 0; held.length === 0; tries++) {
        assert.ok(tries < 50, "the suggestions were not read again after the citation");
        await page.waitForTimeout(100);
      }
      assert.equal(
        await stillSuggested(),
        0,
        "the cited passage stayed among the suggestions until they were read again",
      );
      assert.ok(
        (await suggested.getByRole("listitem").count()) > 0,
        "the other suggestions were not shown while the list was read again",
      );
      for (const route of held) await route.continue();
      await page.unroute(suggestionsApi);
      await page.reload();
      assert.equal(await supporting.getByRole("article").count(), before + 1);
      await suggested.getByRole("listitem").first().waitFor();
      assert.equal(await stillSuggested(), 0, "a cited passage is no longer suggested");

      // Without JavaScript the claim page points to the Add evidence page, which lists the same
      // suggestions with their cite buttons.
      const noScript = await context.withoutJavaScript(page);
      try {
        const plain = await noScript.newPage();
        await plain.goto(`${context.baseUrl}/claims/stalin-ordered-kirovs-murder`);
        await plain
          .getByRole("region", { name: "Suggested evidence" })
          .getByRole("link", { name: "Add evidence" })
          .click();
        await plain.waitForURL(/\/evidence\/new/);
        const listed = plain.getByRole("region", { name: "Suggested evidence" });
        assert.ok((await listed.getByRole("listitem").count()) > 0, "no suggestions on the Add evidence page");
        assert.equal(
          await listed
            .getByRole("listitem")
            .filter({ hasText: quoted.slice(0, 60) })
            .count(),
          0,
          "the cited passage is suggested on the Add evidence page",
        );
        await listed.getByRole("listitem").first().getByRole("button", { name: "Cite as contradicting" }).waitFor();
      } finally {
        await noScript.close();
      }

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
