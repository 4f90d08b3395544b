import assert from "node:assert/strict";
import { expectNoAxeViolations } from "./axe";
import { signIn } from "./moderation.flow";
import type { Context } from "./run";

export const questionsFlow = {
  name: "a reader weighs the Kirov question's competing claims on a desktop and a phone, and a member marks a cell",
  async run(context: Context) {
    const desktop = await context.browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await desktop.goto(`${context.baseUrl}/`);
      await desktop.getByRole("link", { name: "Questions", exact: true }).click();
      await desktop.getByRole("link", { name: "Who was behind Kirov's murder?" }).click();
      await desktop.getByRole("heading", { name: "Who was behind Kirov's murder?" }).waitFor();
      const matrix = desktop.getByRole("region", { name: "Matrix of claims and evidence" });
      // Three competing claims in rows, ranked; evidence in columns.
      assert.equal(await matrix.locator("tbody tr").count(), 3);
      assert.ok((await matrix.locator("thead th").count()) > 6);
      assert.match(
        (await desktop.getByRole("heading", { name: "What would change this" }).textContent()) ?? "",
        /change/,
      );
      // Either the lines of evidence the ranking turns on, or that none would (earlier flows change the data).
      const changes = await desktop.locator("#what-would-change + ul li").count();
      const settled = await desktop
        .getByText("Discrediting any single line of evidence would leave the ranking as it is.")
        .count();
      assert.ok(changes > 0 || settled === 1, "the page says nothing of what would change the ranking");
      const wider = await desktop.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(wider <= 1, `the page is ${wider}px wider than the window: the matrix should scroll, not the page`);
      await expectNoAxeViolations(desktop, "the question page (anonymous, desktop)");
      const csv = await desktop.request.get(`${context.baseUrl}/questions/who-was-behind-kirovs-murder/matrix.csv`);
      assert.equal(csv.status(), 200);
      assert.match(csv.headers()["content-type"] ?? "", /text\/csv/);
      assert.match(await csv.text(), /Who was behind Kirov's murder\?/);
      await context.screenshot(desktop, "question-matrix-desktop", { fullPage: true });

      // A member marks a cell; the page says so and keeps the mark.
      await signIn(desktop, context, "contributor");
      await desktop.goto(`${context.baseUrl}/questions/who-was-behind-kirovs-murder`);
      // The cell is found by its label: a new marker's defaults count too, so the rows may reorder.
      const label = ((await desktop.locator(".matrix-scroll label").first().textContent()) ?? "").trim();
      const cell = () => desktop.locator(".matrix-scroll").getByLabel(label, { exact: true });
      await cell().selectOption("neutral");
      const form = desktop.locator(".matrix-scroll form", { has: desktop.getByLabel(label, { exact: true }) });
      await form.getByRole("button", { name: "Mark" }).click();
      await form.getByRole("status").waitFor();
      assert.match((await form.getByRole("status").textContent()) ?? "", /Marked/);
      await desktop.reload();
      assert.equal(await cell().inputValue(), "neutral");
      await expectNoAxeViolations(desktop, "the question page (a member, desktop)");

      // A refused question keeps what was typed, says what is wrong in the form's words, beside a
      // marked field, and forgets it once the field changes.
      await desktop.goto(`${context.baseUrl}/questions/new`);
      const title = desktop.getByLabel(/Question \(5–300 characters\)/);
      const description = desktop.getByLabel(/What it is about/);
      await title.fill("     x");
      await description.fill("Which of the three accounts holds up?");
      await desktop.getByRole("button", { name: "Ask" }).click();
      const alert = desktop.locator("main form").getByRole("alert");
      await alert.waitFor();
      assert.match((await alert.textContent()) ?? "", /^Question \(5–300 characters\): must be at least 5 characters/);
      assert.equal(await description.inputValue(), "Which of the three accounts holds up?");
      assert.equal(await title.getAttribute("aria-invalid"), "true");
      assert.equal(await title.evaluate((element) => element === document.activeElement), true);
      await expectNoAxeViolations(desktop, "the new-question form with a refusal");
      // Long fields count their characters, and a text past the limit is kept whole and said to be too long.
      await title.fill("x".repeat(301));
      assert.equal((await title.inputValue()).length, 301);
      assert.match(
        (await desktop.locator(".char-count").first().textContent()) ?? "",
        /^301 of 300 characters: 1 too many$/,
      );
      await title.fill("Was Borisov's death an accident?");
      assert.match((await desktop.locator(".char-count").first().textContent()) ?? "", /^32 of 300 characters$/);
      assert.equal(await alert.count(), 0);
      assert.equal(await title.getAttribute("aria-invalid"), null);
      await desktop.getByRole("button", { name: "Ask" }).click();
      await desktop.waitForURL(/\/questions\/was-borisovs-death-an-accident$/);
      assert.match((await desktop.locator("main").textContent()) ?? "", /PENDING REVIEW|pending review/i);
    } finally {
      await desktop.close();
    }

    // On a phone the matrix folds into one list per claim.
    const phone = await context.browser.newPage({
      viewport: { width: 375, height: 740 },
      hasTouch: true,
      isMobile: true,
    });
    try {
      await phone.goto(`${context.baseUrl}/questions/who-was-behind-kirovs-murder`);
      assert.equal(await phone.locator(".matrix-scroll").isVisible(), false);
      const folded = phone.locator(".matrix-folded details");
      assert.equal(await folded.count(), 3);
      await folded.first().locator("summary").tap();
      assert.ok((await folded.first().locator("li").count()) > 3);
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `the page is ${overflow}px wider than the phone`);
      await expectNoAxeViolations(phone, "the question page (phone)");
      await context.screenshot(phone, "question-matrix-phone", { fullPage: true });
    } finally {
      await phone.close();
    }
  },
};
