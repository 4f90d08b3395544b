import assert from "node:assert/strict";
import type { Locator, Page } from "playwright-core";
import { expectNoAxeViolations } from "./axe";
import { signIn } from "./moderation.flow";
import type { Context } from "./run";

const PHONE = { viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true } as const;
const CLAIM = "/claims/stalin-ordered-kirovs-murder";

/** "Contradicting (4)" → 4. */
async function tabCount(tab: Locator): Promise<number> {
  const match = /\((\d+)\)$/.exec(((await tab.textContent()) ?? "").trim());
  assert.ok(match, `the tab "${await tab.textContent()}" shows no count`);
  return Number(match[1]);
}

async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Counts the mouse events the page receives from now on (a touch selection must need none). */
async function countMouseEvents(page: Page) {
  await page.evaluate(() => {
    const counted = window as unknown as { mouseEvents: number };
    counted.mouseEvents = 0;
    for (const type of ["mousedown", "mouseup", "click", "dblclick"]) {
      document.addEventListener(type, () => counted.mouseEvents++, true);
    }
  });
  return () => page.evaluate(() => (window as unknown as { mouseEvents: number }).mouseEvents);
}

/**
 * Selects words in the source text as a touch selection ends up: a Range, set without any mouse or
 * key event, so only `selectionchange` can tell the page.
 */
export async function selectWordsByTouch(page: Page, words: string) {
  const found = await page.evaluate((target) => {
    const container = document.querySelector(".source-text");
    const walker = container && document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    for (let node = walker?.nextNode(); node; node = walker?.nextNode()) {
      const index = node.textContent?.indexOf(target) ?? -1;
      if (index >= 0) {
        node.parentElement!.scrollIntoView({ block: "center" });
        const range = document.createRange();
        range.setStart(node, index);
        range.setEnd(node, index + target.length);
        const selection = window.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        return true;
      }
    }
    return false;
  }, words);
  assert.ok(found, `"${words}" is not in the source text`);
}

/** Puts a bare caret (nothing selected) before the given words, as a tap or caret browsing does. */
async function placeCaretBefore(page: Page, words: string) {
  const found = await page.evaluate((target) => {
    const container = document.querySelector(".source-text")!;
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const index = node.textContent?.indexOf(target) ?? -1;
      if (index >= 0) {
        node.parentElement!.scrollIntoView({ block: "center" });
        window.getSelection()!.collapse(node, index);
        return true;
      }
    }
    return false;
  }, words);
  assert.ok(found, `"${words}" is not in the source text`);
}

const selectedText = (page: Page) => page.evaluate(() => window.getSelection()?.toString() ?? "");

export const phoneFlow = {
  name: "on a phone the claim's evidence is in tabs with counts, and a member cites words selected by touch and by keyboard",
  async run(context: Context) {
    const phone = await context.browser.newPage(PHONE);
    try {
      await phone.goto(`${context.baseUrl}${CLAIM}`);
      // Once the script runs, the three sides are tabs, each with its count.
      const tablist = phone.getByRole("tablist", { name: "Evidence by stance" });
      await tablist.waitFor();
      const tabs = tablist.getByRole("tab");
      assert.equal(await tabs.count(), 3);
      const supporting = tablist.getByRole("tab", { name: /^Supporting \(\d+\)$/ });
      const contradicting = tablist.getByRole("tab", { name: /^Contradicting \(\d+\)$/ });
      const contextTab = tablist.getByRole("tab", { name: /^Context \(\d+\)$/ });
      assert.equal(await supporting.getAttribute("aria-selected"), "true");
      assert.equal(await contradicting.getAttribute("aria-selected"), "false");
      const supportingPanel = phone.getByRole("tabpanel", { name: /^Supporting/ });
      await supportingPanel.waitFor();
      assert.equal(await supportingPanel.getByRole("article").count(), await tabCount(supporting));
      // Only the chosen side is on the page: the others are one tap away, not screens below.
      assert.equal(await phone.getByRole("tabpanel").count(), 1);
      const contradictions = await tabCount(contradicting);
      assert.ok(contradictions > 0, "the sample claim has contradicting evidence");

      await contradicting.tap();
      assert.equal(await contradicting.getAttribute("aria-selected"), "true");
      const contradictingPanel = phone.getByRole("tabpanel", { name: /^Contradicting/ });
      await contradictingPanel.waitFor();
      assert.equal(await supportingPanel.count(), 0);
      assert.equal(await contradictingPanel.getByRole("article").count(), contradictions);
      // The first contradicting passage is on the first screen, just below the tabs.
      const first = await contradictingPanel.getByRole("article").first().boundingBox();
      const tabsBox = await tablist.boundingBox();
      assert.ok(first && tabsBox, "the tabs and the first contradicting passage have boxes");
      assert.ok(
        first.y >= 0 && first.y < PHONE.viewport.height - 100,
        `the first contradicting passage starts at ${Math.round(first.y)}px, not on the first screen`,
      );
      assert.ok(first.y - (tabsBox.y + tabsBox.height) < 150, "the contradicting evidence is far below its tab");
      assert.ok((await overflow(phone)) <= 1, `the page is ${await overflow(phone)}px wider than the phone`);
      await expectNoAxeViolations(phone, "the claim page (phone, Contradicting tab)");
      await context.screenshot(phone, "claim-phone-contradicting", { fullPage: false });

      // The tabs pattern's keys: arrows move and wrap, Home and End go to either end.
      await contradicting.focus();
      await phone.keyboard.press("ArrowRight");
      assert.equal(await contextTab.getAttribute("aria-selected"), "true");
      assert.ok(await contextTab.evaluate((tab) => tab === document.activeElement), "the focus stayed behind");
      await phone.getByRole("tabpanel", { name: /^Context/ }).waitFor();
      await phone.keyboard.press("ArrowRight");
      assert.equal(await supporting.getAttribute("aria-selected"), "true");
      await phone.keyboard.press("End");
      assert.equal(await contextTab.getAttribute("aria-selected"), "true");
      await phone.keyboard.press("Home");
      assert.equal(await supporting.getAttribute("aria-selected"), "true");
      await phone.keyboard.press("ArrowLeft");
      assert.equal(await contextTab.getAttribute("aria-selected"), "true");
      assert.equal(await contextTab.getAttribute("tabindex"), "0");
      assert.equal(await supporting.getAttribute("tabindex"), "-1");

      // Turned to a wide screen, the sides stand side by side again, as regions named by their side.
      await phone.setViewportSize({ width: 1024, height: 740 });
      await phone.getByRole("region", { name: "Contradicting" }).waitFor();
      assert.equal(await phone.getByRole("tablist").count(), 0);
      assert.equal(await phone.getByRole("region", { name: "Supporting" }).isVisible(), true);
      await phone.setViewportSize(PHONE.viewport);
      await tablist.waitFor();
    } finally {
      await phone.close();
    }

    // Without JavaScript every side is there, stacked, under its own name.
    const plain = await context.browser.newContext({ ...PHONE, javaScriptEnabled: false });
    try {
      const page = await plain.newPage();
      await page.goto(`${context.baseUrl}${CLAIM}`);
      for (const name of ["Supporting", "Contradicting", "Context"]) {
        const region = page.getByRole("region", { name, exact: true });
        assert.equal(await region.isVisible(), true, `${name} is not shown without JavaScript`);
        assert.ok((await region.getByRole("article").count()) > 0, `${name} shows no evidence without JavaScript`);
      }
      assert.equal(await page.getByRole("tablist").count(), 0);
    } finally {
      await plain.close();
    }

    // A member cites words selected by touch: no mouse event, only the selection changing.
    const member = await context.browser.newPage(PHONE);
    try {
      await signIn(member, context, "contributor");
      await member.goto(`${context.baseUrl}${CLAIM}`);
      const tablist = member.getByRole("tablist", { name: "Evidence by stance" });
      const supporting = tablist.getByRole("tab", { name: /^Supporting/ });
      await supporting.waitFor();
      const before = await tabCount(supporting);
      const contradictionsBefore = await tabCount(tablist.getByRole("tab", { name: /^Contradicting/ }));
      await member
        .getByRole("tabpanel", { name: /^Supporting/ })
        .getByRole("link", { name: /Read it in/ })
        .first()
        .tap();
      await member.waitForURL(/\/sources\//);
      const text = member.getByRole("region", { name: "Source text" });
      await text.waitFor();
      const mouseEvents = await countMouseEvents(member);
      const words = "Kirov bitterly complained about the situation in letters to his wife";
      await selectWordsByTouch(member, words);
      const panel = member.getByRole("complementary", { name: "Cite the selection as evidence" });
      await panel.waitFor();
      assert.equal(await mouseEvents(), 0, "the selection was made with mouse events");
      assert.match((await panel.textContent()) ?? "", new RegExp(words));
      assert.ok((await overflow(member)) <= 1, `the source page is ${await overflow(member)}px wider than the phone`);
      await expectNoAxeViolations(member, "the source page with the cite panel open (phone)");
      await context.screenshot(member, "source-cite-phone", { fullPage: false });

      await panel.getByLabel("Claim (type to search)").fill("stalin ordered");
      await panel
        .getByRole("option", { name: /^Stalin ordered/ })
        .first()
        .tap();
      await panel.getByLabel("supports").tap();
      assert.equal(await panel.getByLabel("supports").isChecked(), true);
      await panel.getByLabel("Note (optional)").fill("Motive: the tension Knight found in Kirov's letters.");
      await panel.getByRole("button", { name: "Cite as evidence" }).tap();
      await member.getByRole("status").filter({ hasText: "Cited as supports evidence" }).waitFor();

      await member.goto(`${context.baseUrl}${CLAIM}`);
      await supporting.waitFor();
      assert.equal(await tabCount(supporting), before + 1);
      assert.equal(await tabCount(tablist.getByRole("tab", { name: /^Contradicting/ })), contradictionsBefore);
      await supporting.tap();
      await member
        .getByRole("tabpanel", { name: /^Supporting/ })
        .getByText("Motive: the tension Knight found in Kirov's letters.")
        .waitFor();
      await tablist.getByRole("tab", { name: /^Contradicting/ }).tap();
      assert.equal(
        await member
          .getByRole("tabpanel", { name: /^Contradicting/ })
          .getByText("Motive: the tension Knight found in Kirov's letters.")
          .count(),
        0,
      );
      await expectNoAxeViolations(member, "the claim page (a member, phone)");
    } finally {
      await member.close();
    }

    // And by keyboard: tab to the text, Shift and the arrows. Text one cannot edit has no caret to
    // start from, so the first press starts at the paragraph at the top of the screen, at a caret
    // a tap or caret browsing placed, or at the cited passage whose link has the focus.
    const desktop = await context.browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await signIn(desktop, context, "contributor");
      await desktop.goto(`${context.baseUrl}${CLAIM}`);
      await desktop
        .getByRole("region", { name: "Contradicting" })
        .getByRole("link", { name: /Read it in/ })
        .first()
        .click();
      await desktop.waitForURL(/\/sources\//);
      const text = desktop.getByRole("region", { name: "Source text" });
      const panel = desktop.getByRole("complementary", { name: "Cite the selection as evidence" });
      const quote = panel.locator("q").first();
      await desktop.evaluate(() => {
        window.getSelection()?.removeAllRanges();
        window.scrollTo(0, 0);
      });
      await text.focus();
      assert.ok(await text.evaluate((element) => element === document.activeElement), "the text takes no focus");
      for (let press = 0; press < 12; press++) await desktop.keyboard.press("Shift+ArrowRight");
      await panel.waitFor();
      const twelve = (await selectedText(desktop)).trim();
      assert.ok(twelve.length >= 8, `Shift+ArrowRight ×12 selected "${twelve}"`);
      assert.equal(await quote.textContent(), twelve);
      // From then on the browser extends the selection itself, and the panel follows.
      await desktop.keyboard.press("Control+Shift+ArrowRight");
      await desktop.keyboard.press("Shift+ArrowRight");
      const longer = (await selectedText(desktop)).trim();
      assert.ok(longer.length > twelve.length && longer.startsWith(twelve), `then "${longer}"`);
      await desktop.waitForFunction(
        (expected) => document.querySelector(".cite-panel q")?.textContent === expected,
        longer,
      );

      // From a caret placed in the text.
      await placeCaretBefore(desktop, "Kirov bitterly complained");
      for (let press = 0; press < 3; press++) await desktop.keyboard.press("Control+Shift+ArrowRight");
      await desktop.waitForFunction(
        () => document.querySelector(".cite-panel q")?.textContent === "Kirov bitterly complained",
      );

      // From a cited passage's link that has the focus (Tab goes through them).
      const cited = text.locator("mark a").first();
      const citedWords = ((await cited.textContent()) ?? "").trim();
      await desktop.evaluate(() => window.getSelection()?.removeAllRanges());
      await cited.focus();
      for (let press = 0; press < 2; press++) await desktop.keyboard.press("Control+Shift+ArrowRight");
      await desktop.waitForFunction((start) => {
        const quoted = document.querySelector(".cite-panel q")?.textContent ?? "";
        return quoted.length > 3 && start.startsWith(quoted);
      }, citedWords);
      await expectNoAxeViolations(desktop, "the source page after a keyboard selection");
      await context.screenshot(desktop, "source-keyboard-selection", { fullPage: false });
    } finally {
      await desktop.close();
    }
  },
};
