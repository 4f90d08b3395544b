import assert from "node:assert/strict";
import { signIn } from "./moderation.flow";
import type { Context } from "./run";

const PARAGRAPHS = [
  "Vasili Ulrikh presided over the trial of the Leningrad Centre in December 1934.",
  "The court sat for two days. Ulrikh read the sentences at night.",
  "All fourteen defendants were shot within an hour of the verdict.",
  "Historians have since questioned every confession the court heard.",
].join("\n\n");

export const importFlow = {
  name: "a contributor previews a pasted source without losing what was typed, then imports it",
  async run(context: Context) {
    const page = await context.browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await signIn(page, context, "contributor");
      await page.goto(`${context.baseUrl}/sources/import`);
      await page.getByLabel("…or paste the text").fill(PARAGRAPHS);
      await page.getByLabel(/^Title/).fill("The Leningrad Centre trial");
      await page.getByLabel(/^Authors/).fill("A. Historian");
      await page.getByLabel(/^Published/).fill("1989-03");
      await page.getByRole("button", { name: "Preview" }).click();
      const preview = page.getByRole("region", { name: "Preview" });
      await preview.waitFor();
      assert.match((await preview.textContent()) ?? "", /4 paragraphs/);
      // Everything typed is still there after the preview.
      assert.equal(await page.getByLabel("…or paste the text").inputValue(), PARAGRAPHS);
      assert.equal(await page.getByLabel(/^Title/).inputValue(), "The Leningrad Centre trial");
      assert.equal(await page.getByLabel(/^Authors/).inputValue(), "A. Historian");
      assert.equal(await page.getByLabel(/^Published/).inputValue(), "1989-03");
      await context.screenshot(page, "import-preview-keeps-fields");

      await page.getByRole("button", { name: "Import" }).click();
      await page.waitForURL(/\/sources\/[^/]+$/);
      await page.getByRole("heading", { name: "The Leningrad Centre trial" }).waitFor();
      // The page says what the import found. (Ulrikh, named once in full and once by surname, is
      // below the suggestion rule's threshold: tests/sources/import-summary.test.ts covers a name it offers.)
      const summary = page.getByRole("status", { name: "What the import found" });
      await summary.waitFor();
      assert.match((await summary.textContent()) ?? "", /4 paragraphs and \d+ sentences/);
      await context.screenshot(page, "import-summary", { fullPage: false });
    } finally {
      await page.close();
    }
  },
};
