import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { signIn } from "./moderation.flow";
import type { Context } from "./run";

type ClaimJson = {
  slug: string;
  evidence: { id: string; passage: { text: string }; source: { sourceId: string; title: string } }[];
};

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("link", { name: "Sign in" }).waitFor();
}

/** The cited words with one of their longer words corrected, as a proofreader would. */
function corrected(quote: string): { before: string; after: string; text: string } {
  const word = /\b\p{L}{6,}\b/u.exec(quote);
  assert.ok(word, `no long word to correct in "${quote}"`);
  const after = `${word[0].slice(0, 3)}${word[0].slice(3).toUpperCase()}`;
  return { before: word[0], after, text: quote.replace(word[0], after) };
}

export const versionsFlow = {
  name: "a contributor imports a corrected version of a cited source and rates it; a moderator confirms the changed citation from the queue",
  async run(context: Context) {
    const page = await context.browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      const claim = (await (
        await page.request.get(`${context.baseUrl}/api/claims/leonid-nikolaev-acted-alone-when-he-killed-kirov`)
      ).json()) as ClaimJson;
      assert.ok(claim.evidence?.length, "the sample claim has evidence");
      const cited = claim.evidence[0]!;
      const { sourceId, title } = cited.source;
      const text = await (await page.request.get(`${context.baseUrl}/api/sources/${sourceId}/text`)).text();
      const edit = corrected(cited.passage.text);
      const newText = `A correction note added by the publisher.\n\n${text.replace(cited.passage.text, edit.text)}`;

      await signIn(page, context, "contributor");
      await page.goto(`${context.baseUrl}/sources/${sourceId}`);
      await page.getByRole("link", { name: "Import a new version of this source" }).click();
      await page.getByRole("heading", { name: `Import a new version of “${title}”` }).waitFor();
      await page.getByLabel("…or paste the text").fill(newText);
      await page.getByRole("button", { name: "Import" }).click();
      await page.waitForURL((url) => url.pathname.startsWith("/sources/") && !url.pathname.endsWith(sourceId));
      const summary = page.getByRole("status").filter({ hasText: /Version 2: of the citations of version 1/ });
      await summary.waitFor();
      assert.match((await summary.textContent()) ?? "", /\b1 wait for a moderator/);
      const newVersionUrl = page.url();

      // The reliability of the source, rated on the new version (versions share their ratings).
      await page.getByText("Rate its reliability").click();
      await page.getByLabel("Reliability").selectOption("B");
      await page.getByLabel(/^Why/).fill("A publisher that corrects its pages openly.");
      await page.getByRole("button", { name: "Rate" }).click();
      await page.getByText(/Your rating: B/).waitFor();
      await context.screenshot(page, "source-new-version");

      // The claim still cites the old words, and says why.
      await page.goto(`${context.baseUrl}/claims/${claim.slug}`);
      await page
        .getByText(/a moderator is checking the new wording before the citation moves/)
        .first()
        .waitFor();
      await signOut(page);

      await signIn(page, context, "moderator");
      await page.goto(`${context.baseUrl}/review`);
      const card = page.getByRole("listitem").filter({ has: page.locator("del", { hasText: edit.before }) });
      await card.locator("ins", { hasText: edit.after }).waitFor();
      await context.screenshot(page, "review-reanchored-citation");
      await card.getByRole("button", { name: "Confirm" }).click();
      // Once confirmed, the citation leaves the queue.
      await page.getByRole("heading", { name: "Citations in a new version of their source (0)" }).waitFor();

      await page.goto(`${context.baseUrl}/claims/${claim.slug}`);
      await page.getByText(edit.text).first().waitFor();
      const link = page.locator(`a[href^="/sources/"][href*="#passage-"]`).filter({ hasText: /Read it in/ });
      assert.ok(
        (await link.evaluateAll((links) => links.map((element) => element.getAttribute("href") ?? ""))).some((href) =>
          href.startsWith(new URL(newVersionUrl).pathname),
        ),
        "a citation now points into the new version",
      );
    } finally {
      await page.close();
    }
  },
};
