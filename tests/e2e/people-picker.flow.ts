import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { signIn } from "./moderation.flow";
import type { Context } from "./run";

const STATEMENT = "Nikolai Ezhov signed the order to arrest Kirov's widow Milda Draule";
const NO_SCRIPT_STATEMENT = "Ezhov ordered the arrest of Kirov's bodyguard";

/** A claim's people as the API has them: name → role. */
async function peopleOf(page: Page, baseUrl: string): Promise<Record<string, string>> {
  const slug = new URL(page.url()).pathname.split("/").pop();
  const response = await page.request.get(`${baseUrl}/api/claims/${slug}`);
  assert.equal(response.status(), 200);
  const claim = (await response.json()) as { people: { name: string; role: string }[] };
  return Object.fromEntries(claim.people.map((person) => [person.name, person.role]));
}

export const peoplePickerFlow = {
  name: "a moderator links people by typing any spelling and from the names in the statement, with the keyboard, and without JavaScript",
  async run(context: Context) {
    const page = await context.browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await signIn(page, context, "moderator");
      await page.goto(`${context.baseUrl}/claims/new`);
      const people = page.getByRole("group", { name: "People" });
      const search = people.getByRole("combobox", { name: "Add a person (any spelling)" });
      await search.waitFor();

      // The statement's names are offered, each in a suggested role; nothing is added by itself.
      await page.getByLabel("Statement").fill(STATEMENT);
      const addYezhov = people.getByRole("button", { name: "Add Nikolai Yezhov (subject)" });
      await addYezhov.waitFor();
      await people.getByRole("button", { name: "Add Sergei Kirov (mentioned)" }).waitFor();
      await people.getByRole("button", { name: "Add Milda Draule (mentioned)" }).waitFor();
      assert.equal(await people.locator('input[type="hidden"][name^="person:"]').count(), 0);
      await context.screenshot(page, "people-named-in-statement", { fullPage: false });
      await addYezhov.click();
      assert.equal(await people.getByRole("combobox", { name: "Role of Nikolai Yezhov" }).inputValue(), "subject");
      assert.equal(await addYezhov.count(), 0, "an added person is no longer offered");

      // The type-ahead, by keyboard alone: another spelling finds Stalin and says which one matched.
      await search.focus();
      await search.pressSequentially("Dzhugashvili", { delay: 20 });
      const option = page
        .getByRole("listbox", { name: "Matching people" })
        .getByRole("option", { name: /Joseph Stalin/ });
      await option.waitFor();
      assert.match((await option.textContent()) ?? "", /Joseph Stalin \(.*shvili\)/);
      assert.equal(await search.getAttribute("aria-expanded"), "true");
      await context.screenshot(page, "people-type-ahead", { fullPage: false });
      await search.press("ArrowDown");
      assert.equal(await search.getAttribute("aria-activedescendant"), await option.getAttribute("id"));
      await search.press("Enter");
      // Enter chose the person; it did not submit the form.
      assert.equal(await people.getByRole("combobox", { name: "Role of Joseph Stalin" }).inputValue(), "mentioned");
      assert.equal(await search.inputValue(), "");
      assert.equal(await search.getAttribute("aria-expanded"), "false");
      assert.match(page.url(), /\/claims\/new$/);

      // A suggestion added from the keyboard; a role changed; a person removed.
      await people.getByRole("button", { name: "Add Sergei Kirov (mentioned)" }).focus();
      await page.keyboard.press("Enter");
      await people.getByRole("combobox", { name: "Role of Sergei Kirov" }).selectOption("subject");
      await people.getByRole("button", { name: "Remove Joseph Stalin" }).click();
      assert.equal(await people.getByRole("combobox", { name: "Role of Joseph Stalin" }).count(), 0);

      // A failed submission (a statement of spaces passes the browser's checks, not lib's) keeps the people.
      await page.getByLabel("Statement").fill("     ");
      await page.getByRole("button", { name: "Create claim" }).click();
      await page.getByRole("alert").filter({ hasText: "statement" }).waitFor();
      assert.equal(await people.getByRole("combobox", { name: "Role of Nikolai Yezhov" }).inputValue(), "subject");
      assert.equal(await people.getByRole("combobox", { name: "Role of Sergei Kirov" }).inputValue(), "subject");
      assert.equal(await people.locator('input[type="hidden"][name^="person:"]').count(), 2);
      await context.screenshot(page, "people-after-failed-submit", { fullPage: false });

      await page.getByLabel("Statement").fill(STATEMENT);
      await page.getByRole("button", { name: "Create claim" }).click();
      await page.waitForURL((url) => /^\/claims\/[^/]+$/.test(url.pathname) && url.pathname !== "/claims/new");
      assert.deepEqual(await peopleOf(page, context.baseUrl), {
        "Nikolai Yezhov": "subject",
        "Sergei Kirov": "subject",
      });
      const claimUrl = page.url();

      // The edit form starts with the claim's people in their roles.
      await page.goto(`${claimUrl}/edit`);
      const editPeople = page.getByRole("group", { name: "People" });
      assert.equal(await editPeople.getByRole("combobox", { name: "Role of Nikolai Yezhov" }).inputValue(), "subject");
      assert.equal(await editPeople.getByRole("combobox", { name: "Role of Sergei Kirov" }).inputValue(), "subject");
      // Milda Draule is still named and not linked: offered again.
      await editPeople.getByRole("button", { name: "Add Milda Draule (mentioned)" }).click();
      await editPeople.getByRole("button", { name: "Remove Sergei Kirov" }).click();
      await page.getByRole("button", { name: "Save changes" }).click();
      await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
      await page.goto(claimUrl);
      assert.deepEqual(await peopleOf(page, context.baseUrl), {
        "Nikolai Yezhov": "subject",
        "Milda Draule": "mentioned",
      });

      // Without JavaScript: Find and Add come back through the page, keeping what was typed.
      const noScript = await context.withoutJavaScript(page);
      try {
        const plain = await noScript.newPage();
        await plain.goto(`${context.baseUrl}/claims/new`);
        const plainPeople = plain.getByRole("group", { name: "People" });
        await plain.getByLabel("Statement").fill(NO_SCRIPT_STATEMENT);
        await plainPeople.getByLabel("Add a person (any spelling)").fill("Jagoda");
        await plainPeople.getByRole("button", { name: "Find" }).click();
        await plain.waitForURL(/peopleQuery=Jagoda/);
        assert.equal(await plain.getByLabel("Statement").inputValue(), NO_SCRIPT_STATEMENT);
        // The match, and the people the statement names, each with an Add button.
        await plainPeople.getByRole("button", { name: "Add Genrikh Yagoda (subject)" }).click();
        await plain.waitForURL(/peopleAdd=/);
        assert.equal(
          await plainPeople.getByRole("combobox", { name: "Role of Genrikh Yagoda" }).inputValue(),
          "subject",
        );
        await plainPeople.getByRole("button", { name: "Add Sergei Kirov (mentioned)" }).click();
        await plain.waitForURL(/person%3A/);
        assert.equal(
          await plainPeople.getByRole("combobox", { name: "Role of Sergei Kirov" }).inputValue(),
          "mentioned",
        );
        assert.equal(await plain.getByLabel("Statement").inputValue(), NO_SCRIPT_STATEMENT);
        // A person is unlinked by their role.
        await plainPeople.getByRole("combobox", { name: "Role of Genrikh Yagoda" }).selectOption("");
        await context.screenshot(plain, "people-without-javascript", { fullPage: false });
        await plain.getByRole("button", { name: "Create claim" }).click();
        await plain.waitForURL((url) => /^\/claims\/[^/]+$/.test(url.pathname) && url.pathname !== "/claims/new");
        assert.deepEqual(await peopleOf(plain, context.baseUrl), { "Sergei Kirov": "mentioned" });
      } finally {
        await noScript.close();
      }
    } finally {
      await page.close();
    }
  },
};
