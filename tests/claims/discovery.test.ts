import { beforeEach, describe, expect, it } from "vitest";
import { GET as suggestionsRoute } from "@/app/api/claims/[claimId]/suggestions/route";
import { GET as similarRoute } from "@/app/api/claims/similar/route";
import { GET as listPeopleRoute } from "@/app/api/people/route";
import { mergeClaims } from "@/lib/claims/merge";
import { createClaim } from "@/lib/claims/mutations";
import { getClaim } from "@/lib/claims/queries";
import { findSimilarClaims } from "@/lib/claims/similar";
import { suggestEvidence } from "@/lib/claims/suggestions";
import { getEnv } from "@/lib/env";
import { addEvidence } from "@/lib/evidence/mutations";
import { editClaim } from "@/lib/moderation/mutations";
import { search } from "@/lib/search/queries";
import { castVote } from "@/lib/votes/mutations";
import { loadSampleData } from "@/prisma/sample/load";
import { makeActor, makeClaim, makePerson, makeSource } from "../factories";
import { db, resetDatabase, tableSnapshot } from "../helpers";

beforeEach(resetDatabase);

const BASE = "http://localhost/api";
const params = <T extends object>(value: T) => ({ params: Promise.resolve(value) });

/** The claim "Yagoda ordered the arrest", with Yagoda known and a source of these sentences, one a paragraph. */
async function yagodaOrderedTheArrest(sentences: string[]) {
  await makePerson("Genrikh Yagoda", ["Yagoda", "Iagoda"]);
  await makeSource(sentences.join("\n\n"));
  return makeClaim({ statement: "Yagoda ordered the arrest" });
}

/** Suggestions for a claim with these people known (surname as their alias) and a source of these paragraphs. */
async function suggestionsFor(people: string[], paragraphs: string[], statement: string) {
  for (const name of people) await makePerson(name, [name.split(" ").at(-1)!]);
  await makeSource(paragraphs.join("\n\n"));
  const claim = await makeClaim({ statement });
  return suggestEvidence(db(), null, { claimId: claim.id });
}

describe("suggested evidence", () => {
  it("finds passages on both sides of “Stalin ordered Kirov's murder” in the sample corpus, with reasons, and none already cited", async () => {
    await loadSampleData(db(), { dataDir: getEnv().DATA_DIR });
    const moderator = await makeActor("moderator");
    const fresh = await createClaim(db(), moderator, { statement: "Stalin ordered Kirov's murder." });
    const suggestions = await suggestEvidence(db(), moderator, { claimId: fresh.id, limit: 20 });
    const texts = suggestions.map((item) => item.passage.text);
    // Supporting: Stalin plotted or ordered it. Contradicting: he could not have.
    expect(
      texts.some((text) =>
        /accused Stalin of plotting Kirov’s murder|likely that Stalin ordered his murder|Stalin was behind it/.test(
          text,
        ),
      ),
    ).toBe(true);
    expect(texts).toContain(
      "2. Stalin could not have ordered Kirov’s assassination because the two were close friends.",
    );
    const top = suggestions[0]!;
    expect(top.reasons.people).toEqual(expect.arrayContaining(["Joseph Stalin", "Sergei Kirov"]));
    expect(top.reasons.terms.length).toBeGreaterThan(0);
    expect(top.highlights.length).toBeGreaterThan(2);
    expect(top.url).toBe(`/sources/${top.passage.sourceId}?at=${top.passage.start}-${top.passage.end}#found`);
    // Scores rank people and event above shared words: every passage naming neither person ranks below those naming both.
    const lastWithBoth = Math.max(...suggestions.map((item, index) => (item.reasons.people.length >= 2 ? index : -1)));
    const firstWithNone = suggestions.findIndex((item) => item.reasons.people.length === 0);
    if (firstWithNone !== -1) expect(firstWithNone).toBeGreaterThan(lastWithBoth);

    // Citing one removes it (and any passage overlapping it) from the suggestions.
    await addEvidence(db(), moderator, {
      claimId: fresh.id,
      passage: { passageId: top.passage.id },
      stance: "supports",
    });
    const after = await suggestEvidence(db(), moderator, { claimId: fresh.id, limit: 20 });
    expect(after.some((item) => item.passage.id === top.passage.id)).toBe(false);

    // The sample's own claim excludes its 10 cited passages.
    const sample = await db().claim.findFirstOrThrow({
      where: { statement: "Stalin ordered Kirov's murder" },
      include: { evidence: { include: { passage: true } } },
    });
    const sampleSuggestions = await suggestEvidence(db(), moderator, { claimId: sample.slug, limit: 30 });
    const citedSpans = sample.evidence.map((item) => item.passage);
    expect(sampleSuggestions.length).toBeGreaterThan(5);
    for (const item of sampleSuggestions) {
      expect(
        citedSpans.some(
          (span) =>
            span.sourceId === item.passage.sourceId && span.start < item.passage.end && item.passage.start < span.end,
        ),
      ).toBe(false);
    }
  });

  it("offers evidence cited on an opposite claim, with the stance reversed and the reason", async () => {
    const stalin = await makePerson("Joseph Stalin", ["Stalin"]);
    const kirov = await makePerson("Sergei Kirov", ["Kirov"]);
    const source = await makeSource(
      "The archive holds a signed note in which the General Secretary demanded the Leningrad chief's removal.",
    );
    const ordered = await makeClaim({ statement: "Stalin ordered Kirov's murder", personIds: [stalin.id, kirov.id] });
    await addEvidence(db(), await makeActor("contributor"), {
      claimId: ordered.id,
      passage: { sourceId: source.id, quote: "demanded the Leningrad chief's removal" },
      stance: "supports",
    });
    const denial = await makeClaim({
      statement: "Stalin did not order Kirov's murder",
      personIds: [stalin.id, kirov.id],
    });
    const suggestions = await suggestEvidence(db(), null, { claimId: denial.id });
    const carried = suggestions.find((item) => item.reasons.citedOn.length > 0);
    expect(carried?.passage.text).toBe("demanded the Leningrad chief's removal");
    expect(carried!.suggestedStance).toBe("contradicts");
    expect(carried!.stanceReason).toBe("cited as supporting on the opposite claim “Stalin ordered Kirov's murder”");
    expect(carried!.reasons.citedOn).toEqual([
      { slug: ordered.slug, statement: "Stalin ordered Kirov's murder", stance: "supports", relation: "opposite" },
    ]);
  });

  it("ranks a passage about the claim's people and event above one that only shares words", async () => {
    const claim = await yagodaOrderedTheArrest([
      "The arrest of the poet was a warning to all.",
      "Iagoda ordered the arrest of the poet in 1934.",
      "An arrest was ordered in another city.",
    ]);
    const suggestions = await suggestEvidence(db(), null, { claimId: claim.id });
    expect(suggestions[0]!.passage.text).toBe("Iagoda ordered the arrest of the poet in 1934.");
    expect(suggestions[0]!.reasons).toEqual({
      people: ["Genrikh Yagoda"],
      terms: ["ordered", "arrest"],
      nearby: true,
      citedOn: [],
    });
    expect(
      suggestions.slice(1).every((item) => item.reasons.people.length === 0 && item.score < suggestions[0]!.score),
    ).toBe(true);
  });

  it("counts a name word that several known people share as naming each of them only in part", async () => {
    await makePerson("Richard III", ["King Richard", "Gloucester"]);
    await makePerson("Richard Grey", ["Sir Richard"]);
    await makeSource(
      ["Richard had his nephew killed in the Tower.", "Gloucester had his nephew killed in the Tower."].join("\n\n"),
    );
    const claim = await makeClaim({ statement: "Richard III had his nephew killed." });
    const suggestions = await suggestEvidence(db(), null, { claimId: claim.id });
    // "Richard" is Richard III's and Richard Grey's; "Gloucester" is his alone: it scores more. (By words
    // alone, which also count "Richard" as the claim's word, the other is first; the fused ranks tie, and
    // the score decides. Counted alike, the shorter ranked first.)
    expect(suggestions.map((item) => item.passage.text)).toEqual([
      "Gloucester had his nephew killed in the Tower.",
      "Richard had his nephew killed in the Tower.",
    ]);
    expect(suggestions.map((item) => item.reasons.people)).toEqual([["Richard III"], ["Richard III"]]);
    expect(suggestions[0]!.score).toBeGreaterThan(suggestions[1]!.score);
  });

  it("ranks by the words a passage shares with the claim too, a word most candidates have weighing little", async () => {
    await makePerson("Genrikh Yagoda", ["Yagoda"]);
    await makeSource(
      [
        "Yagoda ordered the guards to wait.",
        "The arrest of Bukharin was ordered from above.",
        "Bukharin's arrest came later.",
        "The arrest of Bukharin shocked Moscow.",
        ...[1932, 1933, 1934, 1935, 1936, 1937].map((year) => `Yagoda headed the secret police in ${year}.`),
      ].join("\n\n"),
    );
    const claim = await makeClaim({ statement: "Yagoda ordered the arrest of Bukharin" });
    const suggestions = await suggestEvidence(db(), null, { claimId: claim.id });
    // By people and closeness the first names Yagoda; by its words, the passage with all three of the
    // claim's other words (fewer candidates have "Bukharin" and "arrest" than "Yagoda") comes first.
    expect(suggestions.map((item) => item.passage.text).slice(0, 1)).toEqual([
      "The arrest of Bukharin was ordered from above.",
    ]);
    expect(suggestions.map((item) => item.passage.text)).toContain("Yagoda ordered the guards to wait.");
    expect(suggestions[0]!.reasons).toMatchObject({ people: [], terms: ["arrest", "Bukharin", "ordered"] });
  });

  it("ranks hostile statements without failing or writing: markup, a statement of the longest kind repeating one shared name, stop words only", async () => {
    await makePerson("Richard III", ["King Richard"]);
    await makePerson("Richard Grey", ["Sir Richard"]);
    await makeSource(
      ["Richard had his nephew killed in the Tower.", "<b>Richard</b> was crowned <script>x</script> in July."].join(
        "\n\n",
      ),
    );
    const statements = [
      "<script>alert('Richard')</script> had his <b>nephew</b> killed",
      `${"Richard ".repeat(60)}killed`,
      "It was the one that they had.",
    ];
    const claims = [];
    for (const statement of statements) claims.push(await makeClaim({ statement }));
    const before = await tableSnapshot();
    for (const claim of claims) {
      const suggestions = await suggestEvidence(db(), null, { claimId: claim.id });
      for (const item of suggestions) {
        expect(Number.isFinite(item.score)).toBe(true);
        expect(item.score).toBeGreaterThanOrEqual(0);
        expect(item.score).toBeLessThanOrEqual(1);
      }
    }
    // Markup is matched as words and returned as the text it is, never as markup made safe or run.
    const markup = await suggestEvidence(db(), null, { claimId: claims[0]!.id });
    expect(markup.map((item) => item.passage.text)).toContain("Richard had his nephew killed in the Tower.");
    expect(await suggestEvidence(db(), null, { claimId: claims[2]!.id })).toEqual([]);
    expect(await tableSnapshot()).toEqual(before);
  });

  it("ranks a passage that states something above a question that only asks it, and says the question asks", async () => {
    const claim = await yagodaOrderedTheArrest([
      "So, did Yagoda order the arrest?",
      "The record shows that Yagoda ordered the arrest of the poet himself in 1934.",
      "Nobody doubted the arrest “was ordered by Yagoda”, did they?”",
    ]);
    const suggestions = await suggestEvidence(db(), null, { claimId: claim.id });
    // The questions are shorter and name the same person and event: by their words alone they ranked first.
    expect(suggestions.map((item) => item.passage.text)).toEqual([
      "The record shows that Yagoda ordered the arrest of the poet himself in 1934.",
      "So, did Yagoda order the arrest?",
      "Nobody doubted the arrest “was ordered by Yagoda”, did they?”",
    ]);
    expect(suggestions[1]).toMatchObject({ suggestedStance: "unclear" });
    expect(suggestions[1]!.stanceReason).toMatch(/question/);
  });

  it("ranks a passage that makes someone else the only doer as one naming the claim's agent, and says who", async () => {
    // Volkov is named next to the arrest in three passages, so he is someone the library puts in the event.
    const suggestions = await suggestionsFor(
      ["Genrikh Yagoda", "Pavel Volkov", "Osip Brik"],
      [
        "Volkov signed the arrest warrant for the poet.",
        "The arrest was carried out at night, and Volkov led it.",
        "Witnesses saw Volkov at the arrest of Brik.",
        "The record shows that Yagoda ordered the arrest of Brik in 1934.",
        "Brik wrote poems about the city.",
        "In the end the decision to detain Brik was taken by Volkov alone.",
      ],
      "Yagoda ordered the arrest of Brik",
    );
    const sole = suggestions.find((item) => item.passage.text.startsWith("In the end"));
    expect(sole).toMatchObject({
      suggestedStance: "contradicts",
      stanceReason: "names another perpetrator: Pavel Volkov “alone”",
    });
    // It names neither Yagoda nor "arrest": by its words alone it ranked below a passage naming Brik's arrest.
    expect(suggestions.map((item) => item.passage.text)).toEqual([
      "The record shows that Yagoda ordered the arrest of Brik in 1934.",
      "In the end the decision to detain Brik was taken by Volkov alone.",
      "Witnesses saw Volkov at the arrest of Brik.",
    ]);
  });

  it("finds the passage making a rival the only doer among more passages with “alone” than it reads at once", async () => {
    for (const [name, alias] of [
      ["Genrikh Yagoda", "Yagoda"],
      ["Pavel Volkov", "Volkov"],
      ["Osip Brik", "Brik"],
    ] as const)
      await makePerson(name, [alias]);
    await makeSource(
      [
        "Volkov signed the arrest warrant for Brik.",
        "At night Volkov led the arrest of Brik.",
        "Witnesses saw Volkov at the arrest of Brik.",
        // Names neither Yagoda nor Brik: only a read for Volkov's passages finds it here.
        "In the end the arrest was made by Volkov alone.",
      ].join("\n\n"),
    );
    // A newer source with more passages naming Brik and "alone" than the first read's window (1,000),
    // which on SQLite holds the newest: without a second read by Volkov's name, his passage is lost.
    await makeSource(
      Array.from({ length: 1100 }, (_, index) => `On day ${index} Brik sat alone in his cell.`).join("\n\n"),
    );
    const claim = await makeClaim({ statement: "Yagoda ordered the arrest of Brik" });
    const suggestions = await suggestEvidence(db(), null, { claimId: claim.id, limit: 10 });
    expect(suggestions.find((item) => item.passage.text.startsWith("In the end"))).toMatchObject({
      suggestedStance: "contradicts",
      stanceReason: "names another perpetrator: Pavel Volkov “alone”",
    });
  });

  it("finds the claim's agent in its main clause, after an opening clause of time", async () => {
    const suggestions = await suggestionsFor(
      ["Joseph Stalin", "Ivan Serov", "Lavrentiy Beria"],
      ["In June 1953 Serov turned on Beria, his old patron.", "Stalin turned seventy in 1949, and Beria spoke."],
      "After Stalin died, Serov turned on his patron Beria",
    );
    // Serov acts in the main clause; Stalin only dies in the opening one.
    expect(suggestions.find((item) => item.passage.text.startsWith("In June"))).toMatchObject({
      suggestedStance: "supports",
    });
    expect(suggestions.find((item) => item.passage.text.startsWith("Stalin turned"))?.suggestedStance).not.toBe(
      "supports",
    );
  });

  it("is served at GET /api/claims/{id}/suggestions with validated limits and the claim's visibility", async () => {
    await makeSource();
    await makePerson("Sergei Kirov");
    const claim = await makeClaim({ statement: "Kirov was shot in the Smolny" });
    const response = await suggestionsRoute(
      new Request(`${BASE}/claims/${claim.id}/suggestions?limit=3`),
      params({ claimId: claim.id }),
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.length).toBeLessThanOrEqual(3);
    expect(body.items[0]).toMatchObject({
      score: expect.any(Number),
      reasons: { people: ["Sergei Kirov"] },
      passage: { start: expect.any(Number), end: expect.any(Number) },
    });

    const bad = await suggestionsRoute(
      new Request(`${BASE}/claims/${claim.id}/suggestions?limit=500`),
      params({ claimId: claim.id }),
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({ code: "INVALID", field: "limit" });
    const draft = await makeClaim({ status: "draft" });
    const hidden = await suggestionsRoute(
      new Request(`${BASE}/claims/${draft.id}/suggestions`),
      params({ claimId: draft.id }),
    );
    expect(hidden.status).toBe(404);
  });
  it("reads a sentence that speaks of the claim's people by pronoun or role with the sentences just before it", async () => {
    const suggestions = await suggestionsFor(
      ["Lavrentiy Beria", "Genrikh Yagoda"],
      [
        "Beria and Yagoda met in the spring. The two quarrelled bitterly over the archive.",
        "They never spoke again.",
        "A quarrel over an archive is common in any ministry.",
      ],
      "Beria and Yagoda quarrelled over the archive",
    );
    const pair = suggestions.find((item) => item.passage.text === "The two quarrelled bitterly over the archive.");
    const stranger = suggestions.find((item) => item.passage.text.startsWith("A quarrel over an archive"));
    expect(pair?.reasons.people).toEqual(["Lavrentiy Beria", "Genrikh Yagoda"]);
    expect(pair!.score).toBeGreaterThan(stranger?.score ?? 0);
    // Context stops at the paragraph: the next paragraph's pronoun does not reach back.
    expect(suggestions.some((item) => item.passage.text === "They never spoke again.")).toBe(false);
  });
  it("shows every suggested passage as stored, the sentences its context adds and those naming another doer too", async () => {
    await makePerson("Lavrentiy Beria", ["Beria"]);
    await makePerson("Genrikh Yagoda", ["Yagoda"]);
    for (const other of ["Pavel Volkov"]) await makePerson(other, ["Volkov"]);
    const source = await makeSource(
      [
        "Beria and Yagoda quarrelled over the archive in May. He shouted; the other left in silence.",
        "Volkov quarrelled with Beria over the archive.",
        "The archive quarrel began when Volkov wrote to Beria.",
        "Witnesses heard Volkov quarrel with Yagoda over the archive.",
        "Some say the archive quarrel was started by Volkov alone, and Beria only answered him.",
      ].join("\n\n"),
      "The archive affair",
    );
    const claim = await makeClaim({ statement: "Beria and Yagoda quarrelled over the archive" });
    const suggestions = await suggestEvidence(db(), null, { claimId: claim.id, limit: 20 });
    // Shares no word with the claim: only the paragraph's sentence before it brings it in.
    const added = suggestions.find((item) => item.passage.text === "He shouted; the other left in silence.");
    expect(added?.reasons.people).toEqual(["Lavrentiy Beria", "Genrikh Yagoda"]);
    expect(suggestions.some((item) => item.passage.text.includes("Volkov alone"))).toBe(true);
    const stored = new Map(source.passages.map((passage) => [passage.id, passage]));
    for (const item of suggestions) {
      const passage = stored.get(item.passage.id)!;
      expect(item.passage).toEqual({
        id: passage.id,
        kind: passage.kind,
        sourceId: source.id,
        sourceTitle: "The archive affair",
        start: passage.start,
        end: passage.end,
        text: passage.text,
      });
      expect(item.url).toBe(`/sources/${source.id}?at=${passage.start}-${passage.end}#found`);
    }
  });
});

describe("duplicate claims", () => {
  it("meet through words WordNet relates, for less than the same word", async () => {
    await makePerson("Mikhail Borisov", ["Borisov"]);
    const original = await makeClaim({ statement: "The truck crash that killed Borisov was a real accident" });
    const similar = await findSimilarClaims(db(), null, { text: "Borisov died in a genuine accident" });
    expect(similar.map((claim) => claim.id)).toEqual([original.id]);
    expect(similar[0]!.shared).toEqual(expect.arrayContaining(["Borisov", "accident", "real"]));
    expect(similar[0]!.similarity).toBeLessThan(1);
  });

  it("are found while typing, under other words and spellings, and flagged when they say the opposite", async () => {
    await makePerson("Joseph Stalin", ["Stalin"]);
    await makePerson("Sergei Kirov", ["Kirov"]);
    await makePerson("Leonid Nikolaev", ["Nikolaev"]);
    const original = await makeClaim({ statement: "Stalin ordered Kirov's murder" });
    await makeClaim({ statement: "Leonid Nikolaev acted alone when he killed Kirov" });
    await makeClaim({ statement: "Kirov was popular in Leningrad" });
    const hidden = await makeClaim({ statement: "Stalin ordered the killing of Kirov", status: "draft" });

    const similar = await findSimilarClaims(db(), null, { text: "Stalin was behind the killing of Kirov" });
    expect(similar.map((claim) => claim.statement)).toEqual(["Stalin ordered Kirov's murder"]);
    expect(similar[0]).toMatchObject({ id: original.id, similarity: 1, opposite: false });
    expect(similar[0]!.shared).toEqual(expect.arrayContaining(["Stalin", "Kirov", "murder", "ordered"]));
    // A moderator also sees the draft.
    const forModerator = await findSimilarClaims(db(), await makeActor("moderator"), {
      text: "Stalin was behind the killing of Kirov",
    });
    expect(forModerator.map((claim) => claim.id)).toContain(hidden.id);

    const denial = await findSimilarClaims(db(), null, { text: "Stalin did not order the assassination of Kirov" });
    expect(denial[0]).toMatchObject({ id: original.id, opposite: true });
    expect(
      (await findSimilarClaims(db(), null, { text: "Nikolayev killed Kirov on his own" })).map(
        (claim) => claim.statement,
      ),
    ).toEqual(["Leonid Nikolaev acted alone when he killed Kirov"]);
    expect(await findSimilarClaims(db(), null, { text: "Kamenev was tried in 1936" })).toEqual([]);
    // The passive names its actor after "by", or none: the statement's first name underwent it.
    expect(
      (await findSimilarClaims(db(), null, { text: "Kirov was killed on the orders of the general secretary" })).map(
        (claim) => [claim.statement, claim.opposite],
      ),
    ).toContainEqual(["Stalin ordered Kirov's murder", false]);
    // Word order and people matter: the same words about other people, or in swapped roles, are another claim.
    expect(await findSimilarClaims(db(), null, { text: "Kirov ordered Stalin's murder" })).toEqual([]);
    await makePerson("Genrikh Yagoda", ["Yagoda"]);
    expect(await findSimilarClaims(db(), null, { text: "Yagoda ordered Kirov's murder" })).toEqual([]);
    await expect(findSimilarClaims(db(), null, { text: "x" })).rejects.toMatchObject({
      code: "INVALID",
      field: "text",
    });

    const response = await similarRoute(
      new Request(`${BASE}/claims/similar?text=${encodeURIComponent("Stalin was behind the killing of Kirov")}`),
    );
    expect(response.status).toBe(200);
    expect((await response.json()).items[0]).toMatchObject({ slug: original.slug, similarity: 1 });
    const missing = await similarRoute(new Request(`${BASE}/claims/similar`));
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.field).toBe("text");
  });

  it("tell who acted from passives and possessives, and a negation that sets an alternative aside from a denial", async () => {
    await makePerson("Leon Trotsky", ["Trotsky"]);
    await makePerson("Ramon Mercader", ["Mercader"]);
    await makePerson("Lev Sedov", ["Sedov"]);
    const killing = await makeClaim({ statement: "Ramon Mercader killed Trotsky with an ice axe" });
    const illness = await makeClaim({ statement: "Trotsky's son Sedov died of an illness rather than by poison" });
    const found = async (text: string) =>
      (await findSimilarClaims(db(), null, { text })).map((claim) => ({ id: claim.id, opposite: claim.opposite }));

    expect(await found("Trotsky was killed by Mercader with an ice axe")).toEqual([
      { id: killing.id, opposite: false },
    ]);
    // Another actor after "by" is another claim.
    await makePerson("Joseph Stalin", ["Stalin"]);
    expect(await found("Trotsky was killed by Stalin with an ice axe")).toEqual([]);
    // "Sedov's death…", "Trotsky's son…": a possessive names no actor.
    expect(await found("Sedov's death was an illness and not poison")).toEqual([{ id: illness.id, opposite: false }]);
    expect(await found("Sedov did not die of an illness")).toEqual([{ id: illness.id, opposite: true }]);
  });

  it("tell who acted in the main clause after an opening clause of time", async () => {
    await makePerson("Joseph Stalin", ["Stalin"]);
    await makePerson("Ivan Serov", ["Serov"]);
    await makePerson("Lavrentiy Beria", ["Beria"]);
    const turned = await makeClaim({ statement: "After Stalin died, Serov turned on his patron Beria" });
    const found = async (text: string) => (await findSimilarClaims(db(), null, { text })).map((claim) => claim.id);
    expect(await found("Serov betrayed his patron Beria after Stalin's death")).toEqual([turned.id]);
    // The roles swapped: Beria acts here, Serov there (Stalin only dies in the opening clause).
    expect(await found("Beria betrayed Serov after Stalin's death")).toEqual([]);
  });

  it("merge into one claim: evidence and votes combined, one vote per member (the latest), nothing lost", async () => {
    const moderator = await makeActor("moderator");
    const alice = await makeActor("contributor");
    const bob = await makeActor("contributor");
    const carol = await makeActor("contributor");
    const stalin = await makePerson("Joseph Stalin", ["Stalin"]);
    const kirov = await makePerson("Sergei Kirov", ["Kirov"]);
    const source = await makeSource();
    const kept = await makeClaim({ statement: "Stalin ordered Kirov's murder", personIds: [stalin.id] });
    const duplicate = await makeClaim({ statement: "Stalin was behind the killing of Kirov", personIds: [kirov.id] });
    const shared = "Some historians hold that Stalin ordered the murder.";
    await addEvidence(db(), moderator, {
      claimId: kept.id,
      passage: { sourceId: source.id, quote: shared },
      stance: "supports",
    });
    await addEvidence(db(), moderator, {
      claimId: duplicate.id,
      passage: { sourceId: source.id, quote: shared },
      stance: "contradicts",
      note: "Read differently.",
    });
    await addEvidence(db(), moderator, {
      claimId: duplicate.id,
      passage: { sourceId: source.id, quote: "Others say Nikolaev acted alone." },
      stance: "contradicts",
    });
    await castVote(db(), alice, { claimId: duplicate.id, value: 20 });
    await castVote(db(), alice, { claimId: kept.id, value: 80 }); // Alice's latest
    await castVote(db(), bob, { claimId: kept.id, value: 40 });
    await castVote(db(), bob, { claimId: duplicate.id, value: 60 }); // Bob's latest
    await castVote(db(), carol, { claimId: duplicate.id, value: 90 });
    await db().comment.create({
      data: { claimId: duplicate.id, authorId: carol.id!, body: "Same question as the other claim." },
    });
    const historyBefore = await db().confidenceVoteHistory.count();

    await expect(mergeClaims(db(), moderator, { into: kept.id, from: kept.slug })).rejects.toMatchObject({
      code: "INVALID",
      field: "from",
    });
    await expect(mergeClaims(db(), moderator, { into: kept.id, from: "no-such-claim" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      field: "from",
    });
    const result = await mergeClaims(db(), moderator, { into: kept.id, from: duplicate.slug });
    expect(result.slug).toBe(kept.slug);

    const merged = await getClaim(db(), moderator, { claimId: kept.id });
    expect(merged.evidence).toHaveLength(2);
    const sharedEvidence = merged.evidence.find((item) => item.passage.text === shared)!;
    expect(sharedEvidence.stance).toBe("supports");
    expect(sharedEvidence.note).toContain("Also cited as contradicts: Read differently.");
    expect(merged.people.map((person) => person.name).sort()).toEqual(["Joseph Stalin", "Sergei Kirov"]);
    const votes = await db().confidenceVote.findMany({
      where: { claimId: kept.id },
      select: { userId: true, value: true },
    });
    expect(new Map(votes.map((vote) => [vote.userId, vote.value]))).toEqual(
      new Map([
        [alice.id, 80],
        [bob.id, 60],
        [carol.id, 90],
      ]),
    );
    expect(merged.votes.count).toBe(3);
    expect(await db().confidenceVoteHistory.count()).toBe(historyBefore);
    expect(await db().confidenceVoteHistory.count({ where: { claimId: kept.id } })).toBe(historyBefore);
    expect(await db().comment.count({ where: { claimId: kept.id } })).toBe(1);

    const old = await getClaim(db(), moderator, { claimId: duplicate.id });
    expect(old).toMatchObject({ status: "archived", mergedInto: { slug: kept.slug }, evidence: [] });
    expect((await search(db(), moderator, { q: "behind the killing", kind: "claim" })).items).toEqual([]);
    expect(await db().revision.count({ where: { action: "claim.merge" } })).toBe(2);
    expect(await db().auditEvent.count({ where: { action: "claim.merge" } })).toBe(2);
    // The duplicate is history only now.
    const before = await tableSnapshot();
    await expect(
      editClaim(db(), moderator, { claimId: duplicate.id, changes: { statement: "Changed" } }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(mergeClaims(db(), moderator, { into: kept.id, from: duplicate.id })).rejects.toMatchObject({
      code: "CONFLICT",
      field: "from",
    });
    expect(await tableSnapshot()).toEqual(before);
  });
});

describe("people by any spelling", () => {
  it("GET /api/people?q finds transliterations of any part of a name", async () => {
    await makePerson("Nikolai Yezhov", ["Yezhov"]);
    await makePerson("Genrikh Yagoda", ["Yagoda"]);
    for (const q of ["Ezhov", "ezhow", "Николай Ежов", "nikolay"]) {
      const body = await (await listPeopleRoute(new Request(`${BASE}/people?q=${encodeURIComponent(q)}`))).json();
      expect(
        body.items.map((person: { name: string }) => person.name),
        q,
      ).toEqual(["Nikolai Yezhov"]);
    }
    const body = await (await listPeopleRoute(new Request(`${BASE}/people?q=Jagoda`))).json();
    expect(body.items.map((person: { name: string }) => person.name)).toEqual(["Genrikh Yagoda"]);
  });
});
