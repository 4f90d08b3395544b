// The people picker as the server renders it, which is also how it works without JavaScript: a
// search field and buttons that send the form back to its page as a GET (lib/people/picker.ts).
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PeoplePicker } from "@/components/claims/PeoplePicker";
import { StatementWithPeople } from "@/components/claims/StatementWithPeople";
import type { PeoplePickerDto } from "@/lib/people/picker";

const summary = { slug: "x", birthDate: null, deathDate: null, aliases: [], claimCount: 0 };
const picker: PeoplePickerDto = {
  statement: "Stalin ordered Kirov's murder",
  chosen: [{ id: "kirov", name: "Sergei Kirov", role: "subject" }],
  named: [
    {
      id: "stalin",
      slug: "joseph-stalin",
      name: "Joseph Stalin",
      surface: "Stalin",
      role: "subject",
      ambiguous: false,
    },
  ],
  query: "dzhug",
  matches: [{ ...summary, id: "stalin", name: "Joseph Stalin", matched: "Dzhugashvili" }],
  roundTrip: true,
};

const tag = (markup: string, pattern: RegExp) => pattern.exec(markup)?.[0] ?? "";

describe("PeoplePicker without JavaScript", () => {
  const markup = renderToStaticMarkup(<PeoplePicker picker={picker} statement={picker.statement} page="/claims/new" />);

  it("posts each chosen person as person:<id> = role, with a way to unlink them", () => {
    const select = tag(markup, /<select name="person:kirov"[\s\S]*?<\/select>/);
    expect(select).toContain('aria-label="Role of Sergei Kirov"');
    expect(select).toContain('<option value="subject" selected="">subject</option>');
    expect(select).toContain('<option value="">not linked (remove)</option>');
  });

  it("searches and adds through the page, skipping the form's validation", () => {
    expect(tag(markup, /<label>Add a person \(any spelling\)<input[^>]*>/)).toMatch(/name="peopleQuery" value="dzhug"/);
    const find = tag(markup, /<button[^>]*name="peopleFind"[^>]*>/);
    expect(find).toContain('formAction="/claims/new"');
    expect(find).toContain('formMethod="get"');
    expect(find).toContain('formNoValidate=""');
    // The match says which spelling matched; adding it makes the second person "mentioned".
    expect(markup).toContain('Joseph Stalin<span class="muted"> (Dzhugashvili)</span>');
    expect(markup).toMatch(
      /<button[^>]*value="stalin:mentioned"[^>]*name="peopleAdd"[^>]*>Add Joseph Stalin \(mentioned\)/,
    );
  });

  it("offers the people the statement names, in their suggested role", () => {
    expect(markup).toContain("Named in the statement:");
    expect(markup).toMatch(
      /<button[^>]*value="stalin:subject"[^>]*name="peopleAdd"[^>]*>Add Joseph Stalin \(subject\)/,
    );
  });

  it("says when the search found nobody, and when nobody is linked", () => {
    const empty = renderToStaticMarkup(
      <PeoplePicker picker={{ ...picker, chosen: [], named: [], matches: [] }} statement="" page="/claims/new" />,
    );
    expect(empty).toContain("Nobody linked yet.");
    expect(empty).toContain("Nobody is known as “dzhug”.");
    expect(empty).not.toContain("Named in the statement");
  });
});

describe("StatementWithPeople", () => {
  it("puts the statement back, with the fields between it and the people", () => {
    const markup = renderToStaticMarkup(
      <StatementWithPeople picker={picker} page="/claims/x/edit" findSimilar={false}>
        <p id="between">between</p>
      </StatementWithPeople>,
    );
    expect(markup).toMatch(/<textarea name="statement"[^>]*>Stalin ordered Kirov&#x27;s murder<\/textarea>/);
    expect(markup.indexOf("<textarea")).toBeLessThan(markup.indexOf('id="between"'));
    expect(markup.indexOf('id="between"')).toBeLessThan(markup.indexOf("<legend>People</legend>"));
    expect(markup).toContain('formAction="/claims/x/edit"');
  });
});
