// The desk's six journeys: five walked at desktop width, then all of them again at phone width with
// touch (the sixth). An anonymous reader following a citation; a contributor signing in where they are,
// creating a claim, citing (with its undo), voting, commenting and proposing an edit; a contributor
// importing a source; a moderator publishing or sending back the new claim, approving or rejecting the
// proposal, removing evidence and undoing it, reverting with a reason; finding a person under other
// spellings. Every page the walk lands on (each address, query included) is checked with axe for WCAG 2
// A/AA, and the walk fails if one was visited without being checked.
import assert from "node:assert/strict";
import type { BrowserContextOptions, Locator, Page } from "playwright-core";
import { expectNoAxeViolations } from "./axe";
import { selectWordsByTouch } from "./phone.flow";
import type { Context } from "./run";

type Device = { name: "desktop" | "phone"; options: BrowserContextOptions };
const DEVICES: Device[] = [
  { name: "desktop", options: { viewport: { width: 1280, height: 900 } } },
  { name: "phone", options: { viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true } },
];
const CLAIM = "/claims/stalin-ordered-kirovs-murder";

/** A page whose every landing is checked with axe, at one device's size and input. */
class Walk {
  private readonly visited = new Set<string>();
  private readonly checked = new Set<string>();

  constructor(
    readonly page: Page,
    readonly device: Device,
    private readonly context: Context,
  ) {
    page.on("framenavigated", (frame) => {
      if (frame === page.mainFrame()) this.visited.add(addressOf(frame.url()));
    });
    // The revert form asks for confirmation before it sends.
    page.on("dialog", (dialog) => void dialog.accept());
  }

  async goto(path: string): Promise<void> {
    await this.page.goto(`${this.context.baseUrl}${path}`);
    await this.check();
  }

  /** Waits for the address to match, then checks the page there. */
  async landed(address: RegExp | string): Promise<void> {
    // A string is the whole address past the host (path and query); a pattern may match part of the URL.
    await this.page.waitForURL(typeof address === "string" ? (url) => addressOf(url.toString()) === address : address);
    await this.check();
  }

  /** Runs axe on the page as it is now (after a navigation, or with a panel or message open). */
  async check(state = ""): Promise<void> {
    await this.page.waitForLoadState("load");
    // After a client-side navigation the title arrives with the streamed metadata; a page without one
    // still fails, on axe's document-title rule.
    await this.page.waitForFunction(() => document.title.trim() !== "", undefined, { timeout: 5000 }).catch(() => {});
    const address = addressOf(this.page.url());
    await expectNoAxeViolations(this.page, `${address} (${this.device.name}${state ? `, ${state}` : ""})`);
    this.checked.add(address);
  }

  /** A tap on a touch screen, a click elsewhere. */
  async press(target: Locator): Promise<void> {
    if (this.device.options.hasTouch) await target.tap();
    else await target.click();
  }

  async screenshot(name: string): Promise<void> {
    await this.context.screenshot(this.page, `journey-${this.device.name}-${name}`, { fullPage: false });
  }

  /** Every address the walk landed on was checked. */
  assertAllChecked(): void {
    const missed = [...this.visited].filter((address) => address !== "about:blank" && !this.checked.has(address));
    assert.deepEqual(missed, [], `pages visited without an axe check (${this.device.name})`);
  }
}

/** The address without its host and fragment: each distinct page state a reader lands on. */
function addressOf(url: string): string {
  if (url === "about:blank") return url;
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

const numberIn = (text: string | null, pattern: RegExp): number => {
  const match = pattern.exec(text ?? "");
  assert.ok(match, `"${text}" does not match ${pattern}`);
  return Number(match[1]);
};

/**
 * Signs in from the "Sign in" link of the page the member is on (or on the sign-in page a members-only
 * page sent them to), and checks they come back to that page.
 */
async function signInHere(walk: Walk, context: Context, role: string): Promise<void> {
  const account = context.accounts.find((entry) => entry.role === role);
  assert.ok(account, `no demo ${role} account`);
  const { page } = walk;
  const current = new URL(page.url());
  const here =
    current.pathname === "/signin" ? (current.searchParams.get("callbackUrl") ?? "/") : addressOf(page.url());
  if (current.pathname !== "/signin") {
    await walk.press(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign in" }));
    await walk.landed(/\/signin/);
  }
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await walk.press(page.getByRole("button", { name: "Sign in" }));
  await page.getByRole("button", { name: "Sign out" }).waitFor();
  assert.equal(addressOf(page.url()), here, "signing in did not return to the page the member was on");
  await walk.check("signed in");
}

async function signOut(walk: Walk): Promise<void> {
  await walk.press(walk.page.getByRole("button", { name: "Sign out" }));
  await walk.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign in" }).waitFor();
  await walk.check("signed out");
}

/** The side of the claim's evidence, as a region beside the others or, on a phone, a tab's panel. */
async function evidenceSide(walk: Walk, side: "Supporting" | "Contradicting"): Promise<Locator> {
  if (walk.device.name === "phone") {
    const tab = walk.page.getByRole("tablist", { name: "Evidence by stance" }).getByRole("tab", {
      name: new RegExp(`^${side}`),
    });
    await walk.press(tab);
    return walk.page.getByRole("tabpanel", { name: new RegExp(`^${side}`) });
  }
  return walk.page.getByRole("region", { name: side, exact: true });
}

// ---------------------------------------------------------------------------------------------

/** 1. An anonymous reader: counts that agree, a verdict in words, a citation followed to its place. */
async function readerJourney(walk: Walk): Promise<void> {
  const { page } = walk;
  await walk.goto("/");
  const homeTotal = numberIn(await page.locator("main").first().textContent(), /(\d+) claims? ·/);
  await walk.press(page.getByRole("link", { name: "All claims →" }));
  await walk.landed(/\/claims$/);
  const listTotal = numberIn(await page.locator("main").first().textContent(), /(\d+) claims?/);
  assert.equal(homeTotal, listTotal, "the home page and the claims list count different claims");
  // Anonymous readers are offered only the statuses they can see.
  const statusOptions = await page.getByLabel("Status").locator("option").allTextContents();
  assert.ok(!statusOptions.some((option) => /draft|pending/i.test(option)), `offered: ${statusOptions.join(", ")}`);

  const item = page.getByRole("listitem").filter({ has: page.locator(`a[href="${CLAIM}"]`) });
  const listVotes = numberIn(await item.textContent(), /\((\d+) votes?\)/);
  await walk.press(item.locator(`a[href="${CLAIM}"]`).first());
  await walk.landed(CLAIM);

  // The verdict in words, with its rule, and one vote count everywhere.
  const verdict = page.locator(".verdict");
  await verdict.waitFor();
  assert.match((await verdict.locator(".verdict-line").textContent()) ?? "", /^[A-Z][a-z ]+: .+/);
  assert.ok(((await verdict.textContent()) ?? "").length > 40, "the verdict gives no rule");
  const summaryVotes = numberIn(await page.locator(".vote-figures").textContent(), /Votes\s*(\d+)/);
  const histogramVotes = numberIn(
    await page.getByRole("img", { name: /^Histogram of/ }).getAttribute("aria-label"),
    /^Histogram of (\d+)/,
  );
  assert.equal(summaryVotes, listVotes, "the claim page and the list count different votes");
  assert.equal(histogramVotes, summaryVotes, "the histogram counts different votes");
  const bars = await page.locator(".vote-chart text.count").allTextContents();
  assert.equal(
    bars.reduce((sum, count) => sum + Number(count), 0),
    summaryVotes,
    "the histogram's bars do not add up",
  );
  await walk.screenshot("claim-anonymous");

  // A citation, followed: the source opens at the passage, in view and marked.
  const side = await evidenceSide(walk, "Contradicting");
  const link = side.getByRole("link", { name: /^Read it in (paragraph \d+ of )?the source$/ }).first();
  await walk.press(link);
  await walk.landed(/\/sources\//);
  const passageId = new URL(page.url()).hash.slice(1);
  assert.match(passageId, /^passage-/);
  const target = page.locator(`[id="${passageId}"]`);
  await target.waitFor();
  const inView = (id: string) => {
    const box = document.getElementById(id)?.getBoundingClientRect();
    return box !== undefined && box.top >= 0 && box.top < window.innerHeight - 20;
  };
  const landedInView = await page
    .waitForFunction(inView, passageId, { timeout: 10_000 })
    .then(() => true)
    .catch(() => false);
  const where = await target.evaluate((element) => ({
    top: Math.round(element.getBoundingClientRect().top),
    height: window.innerHeight,
    text: element.textContent?.slice(0, 80),
    url: location.href,
  }));
  assert.ok(landedInView, `the cited passage is not in view: ${JSON.stringify(where)}`);
  assert.equal(
    await target.evaluate((element) => element.matches("mark:is(:target, .targeted)")),
    true,
    "the cited passage is not marked",
  );
  await walk.screenshot("citation-followed");
}

/**
 * 2. A contributor: signs in where they are, creates a claim (a refusal keeps what was typed), cites a
 * suggestion and undoes it, cites again, votes from no default, comments, proposes an edit.
 */
async function contributorJourney(walk: Walk, context: Context, statement: string): Promise<void> {
  const { page } = walk;
  await walk.goto(CLAIM);
  await signInHere(walk, context, "contributor");

  await walk.goto("/claims/new");
  const field = page.getByLabel("Statement");
  const tooLong = `${statement} ${"and more words ".repeat(40)}`.trim();
  await field.fill(tooLong);
  await page.getByText(/of 500 characters: \d+ too many/).waitFor();
  await walk.press(page.getByRole("button", { name: "Create claim" }));
  const refusal = page.locator("form").getByRole("alert");
  await refusal.waitFor();
  assert.match((await refusal.textContent()) ?? "", /^Statement: /);
  assert.equal(await field.inputValue(), tooLong, "the refused statement was lost");
  assert.equal(await field.getAttribute("aria-invalid"), "true");
  await walk.check("a refused statement");
  await field.fill(statement);
  assert.equal(await refusal.count(), 0, "the refusal stayed after the field changed");
  // The people the statement names are picked already.
  await page
    .getByRole("group", { name: /People/ })
    .getByText("Milda Draule")
    .first()
    .waitFor();
  await walk.press(page.getByRole("button", { name: "Create claim" }));
  await walk.landed(/\/claims\/(?!new)[^/?]+$/);
  await page.getByText("Pending review", { exact: true }).first().waitFor();

  // Cite a suggested passage, undo it, cite it again.
  await walk.goto(CLAIM);
  const suggested = page.getByRole("region", { name: "Suggested evidence" });
  const first = suggested.getByRole("listitem").first();
  await first.waitFor();
  const quote = ((await first.locator("blockquote").textContent()) ?? "").trim();
  await walk.press(first.getByRole("button", { name: "Cite as contradicting" }));
  await walk.landed(/notice=cited/);
  const notice = page.getByRole("complementary", { name: "What just changed" });
  assert.match((await notice.textContent()) ?? "", /Cited .* as contradicting evidence/);
  await walk.screenshot("cited-with-undo");
  await walk.press(notice.getByRole("button", { name: "Undo" }));
  await walk.landed(/notice=undone/);
  assert.match((await notice.textContent()) ?? "", /Citation undone/);
  const again = suggested
    .getByRole("listitem")
    .filter({ hasText: quote.slice(0, 60) })
    .first();
  await walk.press(again.getByRole("button", { name: "Cite as contradicting" }));
  await walk.landed(/notice=cited/);
  const contradicting = await evidenceSide(walk, "Contradicting");
  await contradicting.getByText(quote.slice(0, 60)).first().waitFor();
  await walk.check("the contradicting side");

  // On a phone, cite words selected by touch in the source.
  if (walk.device.name === "phone") {
    const supporting = await evidenceSide(walk, "Supporting");
    await walk.press(supporting.getByRole("link", { name: /Read it in/ }).first());
    await walk.landed(/\/sources\//);
    await selectWordsByTouch(page, "Kirov gradually rose within the ranks");
    const panel = page.getByRole("complementary", { name: "Cite the selection as evidence" });
    await panel.waitFor();
    await walk.check("the cite panel open");
    await panel.getByLabel("Claim (type to search)").fill("stalin ordered");
    await walk.press(panel.getByRole("option", { name: /^Stalin ordered/ }).first());
    await walk.press(panel.getByLabel("supports"));
    await walk.press(panel.getByRole("button", { name: "Cite as evidence" }));
    await panel.getByRole("status").filter({ hasText: "Cited as supports evidence" }).waitFor();
    await panel.getByRole("button", { name: "Undo" }).waitFor();
    await walk.check("a citation confirmed");
    await walk.goto(CLAIM);
  }

  // Vote: nothing is recorded by a careless click.
  const number = page.getByLabel("Confidence in percent");
  const voteButton = page.getByRole("button", { name: /^(Vote|Change my vote)$/ });
  if ((await voteButton.textContent()) === "Vote")
    assert.equal(await number.inputValue(), "", "the vote has a default");
  await number.fill("35");
  await page.getByRole("textbox", { name: /^Why \(optional; other members/ }).fill(`Read on the ${walk.device.name}.`);
  await walk.press(voteButton);
  await page.getByRole("status").filter({ hasText: "Vote recorded." }).waitFor();
  await page.locator(".verdict").waitFor();
  await walk.check("after voting");

  // Comment.
  const comment = `Checked the Supreme Court finding (${walk.device.name}).`;
  await page.getByLabel(/^Add to the discussion/).fill(comment);
  await walk.press(page.getByRole("button", { name: "Post comment" }));
  await page.locator("#discussion").getByText(comment).waitFor();

  // Propose an edit: it waits for a moderator.
  await walk.press(page.getByRole("link", { name: "Propose an edit" }));
  await walk.landed(/\/edit$/);
  const current = await page.getByLabel("Statement").inputValue();
  await page.getByLabel("Statement").fill(`${current.replace(/\.$/, "")} in 1934`);
  await page.getByLabel(/Why this change/).fill(`Dates it (${walk.device.name} journey).`);
  await walk.press(page.getByRole("button", { name: "Send proposal" }));
  await page.getByRole("status").filter({ hasText: "Proposal sent" }).waitFor();
  await walk.check("a proposal sent");
  await signOut(walk);
}

/** 3. A contributor imports a source: the preview keeps every field, the import says what it found. */
async function importJourney(walk: Walk, context: Context): Promise<void> {
  const { page } = walk;
  const title = `Notes on the Kirov investigation (${walk.device.name})`;
  const text = [
    "Genrikh Lyushkov took part in the Kirov investigation in December 1934.",
    "Lyushkov later fled to Japan. Lyushkov told his interrogators that the case had been fabricated.",
    "Nikolayev was questioned by Stalin himself.",
  ].join("\n\n");
  // A members-only page sends a reader to sign in, and back.
  await walk.goto("/sources/import");
  assert.match(new URL(walk.page.url()).pathname, /^\/signin$/);
  await signInHere(walk, context, "contributor");
  await page.getByLabel("…or paste the text").fill(text);
  await page.getByLabel(/^Title/).fill(title);
  await page.getByLabel(/^Authors/).fill("A. Researcher");
  await page.getByLabel(/^Published/).fill("31 Nov 2024");
  await walk.press(page.getByRole("button", { name: "Preview" }));
  // A day that does not exist is refused in the form's words, with everything kept.
  const problem = page.locator("form").getByRole("alert");
  await problem.waitFor();
  assert.match((await problem.textContent()) ?? "", /^Published: must be a date such as/);
  await walk.check("a refused date");
  assert.equal(await page.getByLabel("…or paste the text").inputValue(), text);
  assert.equal(await page.getByLabel(/^Title/).inputValue(), title);
  assert.equal(await page.getByLabel(/^Published/).inputValue(), "31 Nov 2024");
  // Written as people write dates, it is read as one.
  await page.getByLabel(/^Published/).fill("1 Dec 2024");
  await walk.press(page.getByRole("button", { name: "Preview" }));
  await page.getByRole("region", { name: "Preview" }).waitFor();
  await walk.check("the preview");
  assert.equal(await page.getByLabel("…or paste the text").inputValue(), text);
  assert.equal(await page.getByLabel(/^Authors/).inputValue(), "A. Researcher");
  await walk.press(page.getByRole("button", { name: "Import" }));
  await walk.landed(/\/sources\/[^/?]+\?imported=1$/);
  const summary = page.getByRole("status", { name: "What the import found" });
  await summary.waitFor();
  assert.match((await summary.textContent()) ?? "", /3 paragraphs and \d+ sentences/);
  await page
    .getByText(/1 December 2024/)
    .first()
    .waitFor();
  await walk.screenshot("import-summary");
  await signOut(walk);
}

/**
 * 4. A moderator works the queue: the contributor's new claim is there (published at desktop width,
 * sent back with a reason at phone width), the proposal approved or rejected, then a revert with a
 * reason that the history reads back.
 */
async function moderatorJourney(walk: Walk, context: Context, statement: string): Promise<void> {
  const { page } = walk;
  await walk.goto("/");
  await signInHere(walk, context, "moderator");
  await walk.press(page.getByRole("link", { name: /^Review: \d+ waiting$/ }));
  await walk.landed("/review");
  const newClaim = page.getByRole("listitem").filter({ hasText: statement });
  await newClaim.waitFor();
  if (walk.device.name === "desktop") {
    await walk.press(newClaim.getByRole("button", { name: "Publish" }));
  } else {
    await newClaim.getByLabel("Reason (shown to the author)").fill("Say which source dates her death.");
    await walk.press(newClaim.getByRole("button", { name: "Send back" }));
  }
  await newClaim.waitFor({ state: "detached" });
  await walk.check("the new claim handled");

  const proposal = page.getByRole("article").filter({ hasText: `Dates it (${walk.device.name} journey).` });
  await proposal.waitFor();
  if (walk.device.name === "desktop") {
    const keep = proposal.getByLabel(/Keep them:/);
    if (await keep.count()) await walk.press(keep);
    await walk.press(proposal.getByRole("button", { name: "Approve" }));
  } else {
    await proposal.getByLabel("Reason (shown to the proposer)").fill("The date is already in the evidence.");
    await walk.press(proposal.getByRole("button", { name: "Reject" }));
  }
  await proposal.waitFor({ state: "detached" });

  // The claim the contributor created shows what the moderator decided.
  await walk.goto(
    `/claims?q=${encodeURIComponent("Milda Draule worked")}&status=${walk.device.name === "desktop" ? "published" : "draft"}`,
  );
  await walk.press(page.getByRole("link", { name: statement }).first());
  await walk.landed(/\/claims\/[^/?]+$/);
  if (walk.device.name === "phone")
    await page.getByText(/Sent back from review.*Say which source dates her death\./).waitFor();
  else await page.getByText("Published", { exact: true }).first().waitFor();

  // Remove a piece of evidence from its card, then undo the removal from the notice.
  await walk.goto(CLAIM);
  const side = await evidenceSide(walk, "Contradicting");
  const card = side.getByRole("article").first();
  const removedQuote = ((await card.locator("blockquote").textContent()) ?? "").trim();
  const before = await side.getByRole("article").count();
  await walk.press(card.getByText("Remove from the evidence"));
  await card.getByLabel(/^Why \(shown in the claim's history/).fill("Checking the removal's undo.");
  await walk.press(card.getByRole("button", { name: "Remove" }));
  await walk.landed(/notice=removed/);
  const notice = page.getByRole("complementary", { name: "What just changed" });
  assert.match((await notice.textContent()) ?? "", /^Removed “/);
  assert.equal(await (await evidenceSide(walk, "Contradicting")).getByRole("article").count(), before - 1);
  await walk.check("evidence removed");
  await walk.press(notice.getByRole("button", { name: "Undo" }));
  await walk.landed(/notice=restored/);
  assert.match((await notice.textContent()) ?? "", /^Restored “/);
  const restored = await evidenceSide(walk, "Contradicting");
  assert.equal(await restored.getByRole("article").count(), before);
  await restored.getByText(removedQuote.slice(0, 60)).first().waitFor();

  // Revert the Stalin claim to the version before its newest change, with a reason.
  await walk.goto(`${CLAIM}/history`);
  const revertable = page
    .getByRole("article")
    .filter({ has: page.getByRole("button", { name: "Revert to this version" }) });
  const target = revertable.first();
  await target.waitFor();
  const reason = `Undo the last change (${walk.device.name} journey).`;
  const form = target.locator("form").filter({ has: page.getByRole("button", { name: "Revert to this version" }) });
  await form.getByLabel("Why (recorded in the history)").fill(reason);
  const keep = form.getByLabel(/Keep them:/);
  if (await keep.count()) await walk.press(keep);
  await walk.press(form.getByRole("button", { name: "Revert to this version" }));
  await page.getByRole("status").filter({ hasText: "Reverted" }).waitFor();
  await walk.goto(`${CLAIM}/history`);
  const newest = page.getByRole("article").first();
  assert.match((await newest.textContent()) ?? "", /Restored the version of \d{1,2} \w+ \d{4}, \d{2}:\d{2} UTC/);
  assert.match((await newest.textContent()) ?? "", new RegExp(reason.replace(/[().]/g, "\\$&")));
  await walk.screenshot("history-after-revert");
  await signOut(walk);
}

/** 5. A person found under other spellings, with the claims about them. */
async function personJourney(walk: Walk): Promise<void> {
  const { page } = walk;
  for (const spelling of ["Khrushchov", "Chruschtschow", "Chruszczow"]) {
    await walk.goto(`/people?q=${spelling}`);
    await page
      .getByRole("list", { name: "Matching people" })
      .getByRole("link", { name: "Nikita Khrushchev" })
      .waitFor();
  }
  await walk.goto("/people?q=Nikolaev");
  await walk.press(
    page
      .getByRole("list", { name: "Matching people" })
      .getByRole("link", { name: /Nikolayev|Nikolaev/ })
      .first(),
  );
  await walk.landed(/\/people\/[^/?]+$/);
  await page
    .getByRole("link", { name: /Nikola[ey]+v/ })
    .first()
    .waitFor();
  await walk.goto("/search?q=Jeschow");
  await page.getByRole("link", { name: "Nikolai Yezhov" }).first().waitFor();
}

export const journeysFlow = {
  name: "the desk's six journeys at desktop and phone width (touch), with axe on every page they visit",
  async run(context: Context) {
    for (const device of DEVICES) {
      const browserContext = await context.browser.newContext(device.options);
      try {
        const page = await browserContext.newPage();
        const walk = new Walk(page, device, context);
        const statement = `Milda Draule worked at the Smolny in 1934 (${device.name} journey).`;
        await readerJourney(walk);
        await contributorJourney(walk, context, statement);
        await importJourney(walk, context);
        await moderatorJourney(walk, context, statement);
        await personJourney(walk);
        walk.assertAllChecked();
      } catch (error) {
        throw new Error(`the ${device.name} journey failed: ${(error as Error).stack ?? error}`, { cause: error });
      } finally {
        await browserContext.close();
      }
    }
  },
};
