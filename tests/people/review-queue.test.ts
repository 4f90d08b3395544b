import { beforeEach, describe, expect, it } from "vitest";
import { countReviewQueue } from "@/lib/moderation/queries";
import { countAmbiguousMentions, listAmbiguousMentionsEverywhere, settleMention } from "@/lib/people/mentions";
import {
  acceptPersonSuggestion,
  countOpenPersonSuggestions,
  dismissPersonSuggestion,
  listPersonSuggestions,
} from "@/lib/people/suggestions";
import { makeActor, makePerson, makeSource } from "../factories";
import { db, resetDatabase } from "../helpers";

beforeEach(resetDatabase);

describe("people in the review queue", () => {
  it("lists ambiguous names of every source, one per source and surname, until they are settled", async () => {
    const alexander = await makePerson("Alexander Orlov");
    await makePerson("Vladimir Orlov");
    const first = await makeSource("Orlov defected in 1938. Orlov wrote a book about it.", "Defectors");
    const second = await makeSource("Orlov was seen in Madrid.", "The Spanish war");
    await makeSource("Nobody in particular is named here.", "Quiet source");
    const moderator = await makeActor("moderator");

    const waiting = await listAmbiguousMentionsEverywhere(db(), moderator);
    expect(waiting.map((mention) => [mention.source.title, mention.surface]).sort()).toEqual([
      ["Defectors", "Orlov"],
      ["The Spanish war", "Orlov"],
    ]);
    // Each item is what the source's own page shows: both candidates, the sentences it occurs in.
    const inFirst = waiting.find((mention) => mention.source.id === first.id)!;
    expect(inFirst.candidates.map((candidate) => candidate.name).sort()).toEqual(["Alexander Orlov", "Vladimir Orlov"]);
    expect(inFirst.sentences).toHaveLength(2);
    expect(await countAmbiguousMentions(db(), moderator)).toBe(waiting.length);
    expect((await countReviewQueue(db(), moderator))?.ambiguousMentions).toBe(2);
    expect(await listAmbiguousMentionsEverywhere(db(), moderator, { limit: 1 })).toHaveLength(1);

    await settleMention(db(), moderator, { sourceId: first.id, surface: "Orlov", personId: alexander.id });
    const left = await listAmbiguousMentionsEverywhere(db(), moderator);
    expect(left.map((mention) => mention.source.id)).toEqual([second.id]);
    await settleMention(db(), moderator, { sourceId: second.id, surface: "Orlov", personId: "none" });
    expect(await listAmbiguousMentionsEverywhere(db(), moderator)).toEqual([]);
    expect(await countAmbiguousMentions(db(), moderator)).toBe(0);
  });

  it("lists open suggested people of every source with their source; accepted and dismissed ones leave", async () => {
    const first = await makeSource(
      "Ignaty Poretsky left the service. Ignaty Poretsky wrote a letter. Ignaty Poretsky was killed in Lausanne.\n\n" +
        "Walter Krivitsky knew him. Walter Krivitsky wrote a book. Walter Krivitsky died in Washington.",
      "Defectors",
    );
    const second = await makeSource(
      "Ignaty Poretsky was born in Galicia. Ignaty Poretsky joined the party. Ignaty Poretsky travelled.",
      "A life",
    );
    const moderator = await makeActor("moderator");

    const open = await listPersonSuggestions(db(), moderator);
    const named = (name: string) =>
      open
        .filter((suggestion) => suggestion.name === name)
        .map((suggestion) => suggestion.source.title)
        .sort();
    expect(named("Ignaty Poretsky")).toEqual(["A life", "Defectors"]);
    expect(named("Walter Krivitsky")).toEqual(["Defectors"]);
    expect(await countOpenPersonSuggestions(db(), moderator)).toBe(open.length);
    expect((await countReviewQueue(db(), moderator))?.suggestedPeople).toBe(open.length);
    expect(await listPersonSuggestions(db(), moderator, { limit: 1 })).toHaveLength(1);

    // Accepting a name settles it in every source that suggested it.
    const poretsky = open.find((suggestion) => suggestion.source.id === second.id)!;
    await acceptPersonSuggestion(db(), moderator, { suggestionId: poretsky.id });
    const krivitsky = open.find((suggestion) => suggestion.name === "Walter Krivitsky")!;
    expect(krivitsky.source.id).toBe(first.id);
    await dismissPersonSuggestion(db(), moderator, { suggestionId: krivitsky.id });
    const after = await listPersonSuggestions(db(), moderator);
    expect(after.some((suggestion) => /Poretsky|Krivitsky/.test(suggestion.name))).toBe(false);
    expect(await countOpenPersonSuggestions(db(), moderator)).toBe(after.length);
    expect((await countReviewQueue(db(), moderator))?.suggestedPeople).toBe(after.length);
  });

  it("are listed and counted only for those who may act on them", async () => {
    await makePerson("Alexander Orlov");
    await makePerson("Vladimir Orlov");
    await makeSource("Orlov defected. Orlov wrote. Walter Krivitsky, Walter Krivitsky, Walter Krivitsky.");
    const contributor = await makeActor("contributor");
    await expect(listAmbiguousMentionsEverywhere(db(), contributor)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listPersonSuggestions(db(), contributor)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listAmbiguousMentionsEverywhere(db(), null)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect(await countAmbiguousMentions(db(), contributor)).toBe(0);
    expect(await countOpenPersonSuggestions(db(), null)).toBe(0);
    expect(await countReviewQueue(db(), contributor)).toBeNull();
    // A moderator sees both, and the total counts them.
    const moderator = await makeActor("moderator");
    const count = await countReviewQueue(db(), moderator);
    expect(count?.ambiguousMentions).toBe(1);
    expect(count?.suggestedPeople).toBeGreaterThan(0);
    expect(count?.total).toBe(count!.ambiguousMentions + count!.suggestedPeople);
  });
});
