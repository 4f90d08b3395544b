import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { signIn } from "./moderation.flow";
import { selectWordsByTouch } from "./phone.flow";
import type { Context } from "./run";

/** Selects the given words inside the source reader, then ends the drag as a mouse would. */
async function selectWords(page: Page, words: string) {
  await selectWordsByTouch(page, words);
  await page.mouse.move(10, 10);
  await page.mouse.up();
  await page.dispatchEvent(".source-text", "mouseup");
}

export const reviewFlow = {
  name: "a member cites a selected sentence as contradicting, votes, and sees the aggregate change; Nikolaev is found as Nikolayev",
  async run(context: Context) {
    const page = await context.browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await signIn(page, context, "contributor");
      await page.goto(`${context.baseUrl}/claims/stalin-ordered-kirovs-murder`);
      const contradicting = page.getByRole("region", { name: "Contradicting" });
      const before = await contradicting.getByRole("article").count();

      // Open the Kirov source from one of the citations and cite a sentence nobody cited yet.
      await page
        .getByRole("link", { name: /Read it in/ })
        .first()
        .click();
      await page.waitForURL(/\/sources\//);
      const sentence = "Stalin could not have ordered Kirov’s assassination because the two were close friends.";
      const fresh = "Knight explained that the suspicions arose from the unusual circumstances of the crime";
      await selectWords(page, fresh);
      const panel = page.getByRole("complementary", { name: "Cite the selection as evidence" });
      await panel.waitFor();
      assert.match((await panel.textContent()) ?? "", /Knight explained that the suspicions arose/);
      await panel.getByLabel("Claim (type to search)").fill("stalin ordered");
      await panel
        .getByRole("option", { name: /^Stalin ordered/ })
        .first()
        .click();
      await panel.getByLabel("contradicts").check();
      await panel.getByLabel("Note (optional)").fill("Knight lists the circumstances, not proof.");
      await panel.getByRole("button", { name: "Cite as evidence" }).click();
      await page.getByRole("status").filter({ hasText: "Cited as contradicts evidence" }).waitFor();
      const cited = page
        .locator("mark.stance-contradicts", { hasText: "Knight explained that the suspicions arose" })
        .first();
      await cited.waitFor();
      await page.locator("mark.stance-contradicts", { hasText: sentence }).first().waitFor(); // cited before, still marked
      await cited.scrollIntoViewIfNeeded();
      await context.screenshot(page, "source-reader", { fullPage: false });

      await page.goto(`${context.baseUrl}/claims/stalin-ordered-kirovs-murder`);
      assert.equal(await contradicting.getByRole("article").count(), before + 1);
      await contradicting.getByText("Knight lists the circumstances, not proof.").waitFor();

      // Vote: the team's figures appear after one's own vote, and the histogram counts it.
      await page.getByText("Vote first").waitFor();
      await page.getByLabel("Confidence in percent").fill("15");
      await page.getByRole("button", { name: "Vote", exact: true }).click();
      await page.getByRole("status").filter({ hasText: "Vote recorded" }).waitFor();
      await page.reload();
      const histogram = page.getByRole("img", { name: /Histogram of 5 confidence votes/ });
      await histogram.waitFor();
      assert.match((await histogram.getAttribute("aria-label")) ?? "", /1 at 10–19%/);
      await page.getByText(/Your vote/).waitFor();
      await context.screenshot(page, "claim-page");

      await page.getByLabel("Confidence in percent").fill("35");
      await page.getByRole("button", { name: "Change my vote" }).click();
      await page.getByRole("status").filter({ hasText: "Vote recorded" }).waitFor();
      await page.reload();
      // One vote per member: the 15 moved to 35, beside the historian's 30.
      const changed =
        (await page.getByRole("img", { name: /Histogram of 5 confidence votes/ }).getAttribute("aria-label")) ?? "";
      assert.match(changed, /0 at 10–19%/);
      assert.match(changed, /2 at 30–39%/);

      // People: any spelling finds the person, as you type.
      await page.goto(`${context.baseUrl}/people`);
      await page.getByLabel("Name, in any spelling").fill("Nikolayev");
      const results = page.getByRole("list", { name: "Matching people" });
      await results.getByRole("link", { name: "Leonid Nikolaev" }).click();
      await page.waitForURL(/\/people\/leonid-nikolaev/);
      await page.getByRole("heading", { name: "Leonid Nikolaev", level: 1 }).waitFor();
      await context.screenshot(page, "person-page");
    } finally {
      await page.close();
    }
  },
};
