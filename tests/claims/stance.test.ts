// Suggested stance from a passage's words: the cues and the rules that combine them.
import { describe, expect, it } from "vitest";
import { type StanceEvidence, stanceCues, suggestStance } from "@/lib/claims/stance";

const about = (text: string, overrides: Partial<StanceEvidence> = {}): StanceEvidence => ({
  cues: stanceCues(text),
  claimDenies: false,
  hasAgent: true,
  namesAgent: true,
  namesPeople: true,
  otherPeople: [],
  namesEvent: true,
  ...overrides,
});

describe("stance cues", () => {
  it("finds denials, preferring the longer phrase, and questions", () => {
    expect(stanceCues("Stalin could not have ordered it.").denials).toEqual(["could not"]);
    expect(stanceCues("There is no evidence that he knew.").denials).toEqual(["no evidence"]);
    expect(stanceCues("Did Stalin instigate his assassination?").question).toBe(true);
    expect(stanceCues("He was shot.").denials).toEqual([]);
  });

  it("counts a denial only within reach of the claim's words when their positions are given", () => {
    const text = "Not a word reached the congress; far away in another city, Stalin ordered the killing.";
    // "Not" is word 0; the claim's words sit at 11–14.
    expect(stanceCues(text, [11, 12, 14]).denials).toEqual([]);
    expect(stanceCues(text).denials).toEqual(["not"]);
  });

  it("reads idioms with 'not' that affirm, a denial of everyone but one, and a writer's distance", () => {
    expect(stanceCues("Not only was the poet arrested but so was his wife.").denials).toEqual([]);
    expect(stanceCues("Not long before the vote, the minister resigned.").denials).toEqual([]);
    // "No one but X" affirms X; a "but" in the next clause does not make an exception.
    expect(stanceCues("There was no reason for anyone but the minister to sign it.").denials).toEqual([]);
    expect(stanceCues("Nobody except the clerk saw the letter.").denials).toEqual([]);
    expect(stanceCues("He did not sign it, but the clerk did.").denials).toEqual(["did not"]);
    expect(stanceCues("The guard died the next day, supposedly in an accident.").denials).toEqual(["supposedly"]);
    expect(stanceCues("The so-called confession was read aloud.").denials).toEqual(["so called"]);
    // Before a name it is the name's usual title, not the writer's distance.
    expect(stanceCues("He issued the so-called Serov Instructions on deportations.").denials).toEqual([]);
  });

  it("reads a claim that something was staged or faked as a denial of the account it names", () => {
    expect(stanceCues("The bodyguard's fatal fall from the lorry was staged.").denials).toEqual(["was staged"]);
    expect(stanceCues("The confession was faked, the trial a sham.").denials).toEqual(["faked", "sham"]);
    expect(stanceCues("The charges were trumped up.").denials).toEqual(["trumped up"]);
    // Active "staged" and "forged" are deeds, not falsity.
    expect(stanceCues("The workers staged a strike and forged an alliance.").denials).toEqual([]);
  });

  it("keeps a denial to its part of the sentence when the claim's event words are known", () => {
    const text = "Stalin could not have ordered the killing because the two were close friends.";
    // Words: stalin 0, could 1, not 2, …, because 7, the 8, two 9, were 10, close 11, friends 12.
    expect(stanceCues(text, [0, 11, 12], [11, 12]).denials).toEqual([]);
    // The event in the denied part ("ordered"), or no event word at all: the denial counts.
    expect(stanceCues(text, [0, 4], [4]).denials).toEqual(["could not"]);
    expect(stanceCues(text, [0]).denials).toEqual(["could not"]);
    // Words: the 0, two 1, were 2, not 3, close 4, friends 5, because 6, …
    const same = "The two were not close friends because Stalin distrusted him.";
    expect(stanceCues(same, [4, 5, 7], [4, 5]).denials).toEqual(["were not"]);
  });

  it("reads 'not as … as' and 'not so … as' as comparisons, not denials", () => {
    expect(stanceCues("The guards protecting Kirov were not as tight as was normal.").denials).toEqual([]);
    expect(stanceCues("His grip was not so strong as before.").denials).toEqual([]);
    expect(stanceCues("He was not as guilty.").denials).toEqual(["was not"]);
    expect(stanceCues("He was killed not as a traitor.").denials).toEqual(["not"]);
  });

  it("reads the main clause of a concession, and 'little doubt' as affirming", () => {
    const text =
      "While there is no direct evidence that Stalin was complicit, there is little doubt that he ordered it.";
    expect(stanceCues(text).denials).toEqual([]);
  });
});

describe("suggested stance", () => {
  it("suggests contradicting for a denial, with the words that deny", () => {
    const result = suggestStance(about("Stalin could not have ordered Kirov's assassination."));
    expect(result).toEqual({ stance: "contradicts", reason: "denies or doubts: “could not”" });
  });

  it("suggests contradicting when someone else is named in the event and the claim's agent is not", () => {
    const result = suggestStance(
      about("It was planned and carried out by Nikolayev.", { namesAgent: false, otherPeople: ["Leonid Nikolaev"] }),
    );
    expect(result.stance).toBe("contradicts");
    expect(result.reason).toContain("Leonid Nikolaev");
    // Without an agent in the claim, another name is only context.
    expect(
      suggestStance(
        about("Kirov's bodyguard died.", { hasAgent: false, namesAgent: false, otherPeople: ["Sergei Kirov"] }),
      ).stance,
    ).toBe("supports");
  });

  it("names another perpetrator made the only doer, unless the passage denies something else", () => {
    const sole = { name: "Leonid Nikolaev", cue: "alone" };
    expect(
      suggestStance(
        about("The murder was planned and carried out by Nikolayev alone.", { namesAgent: false, otherDoer: sole }),
      ),
    ).toEqual({ stance: "contradicts", reason: "names another perpetrator: Leonid Nikolaev “alone”" });
    // "did not act alone" denies the sole doer: the denial is the reason, not the other person.
    expect(suggestStance(about("Nikolayev did not act alone.", { namesAgent: false, otherDoer: sole })).reason).toMatch(
      /^denies or doubts/,
    );
    // The claim's agent named too: not someone else's deed.
    expect(suggestStance(about("Stalin and Nikolayev alone knew.", { otherDoer: sole })).reason).not.toMatch(
      /another perpetrator/,
    );
    // A claim that denies ("Stalin did not order it") is supported by another sole doer.
    expect(
      suggestStance(about("Nikolayev alone did it.", { namesAgent: false, otherDoer: sole, claimDenies: true })).stance,
    ).toBe("supports");
  });

  it("reads 'nothing more than', 'nothing but' and 'no less than' as saying what a thing is, and 'propaganda' as doubt", () => {
    expect(stanceCues("The charge was nothing more than Tudor propaganda.").denials).toEqual(["propaganda"]);
    expect(stanceCues("It was nothing more than a rumour.").denials).toEqual([]);
    expect(stanceCues("It was no less than a betrayal.").denials).toEqual([]);
    expect(stanceCues("There was nothing in the letter.").denials).toEqual(["nothing"]);
  });

  it("reads negation without 'not' and words that call a story false", () => {
    expect(stanceCues("Richard was so far from intending to get rid of his wife that he named heirs.").denials).toEqual(
      ["far from"],
    );
    expect(stanceCues("The trial was anything but fair.").denials).toEqual(["anything but"]);
    expect(stanceCues("He could hardly have known of the plot.").denials).toEqual(["hardly"]);
    expect(stanceCues("It was by no means certain.").denials).toEqual(["by no means"]);
    expect(stanceCues("The charge of poisoning is groundless.").denials).toEqual(["groundless"]);
    expect(stanceCues("Nothing can be more improbable than that story.").denials).toContain("improbable");
  });

  it("does not read 'alone' or 'on his own' as a denial: only someone else made the only doer speaks against a claim", () => {
    expect(stanceCues("King Richard, alone, was killed fighting manfully.").denials).toEqual([]);
    expect(stanceCues("He acted on his own, the court found.").denials).toEqual([]);
    // So a claim that someone acted alone does not deny, and a passage that denies it contradicts it.
    const claimDenies = stanceCues("Nikolaev acted alone when he shot Kirov.").denials.length > 0;
    expect(claimDenies).toBe(false);
    expect(suggestStance(about("Nikolaev did not act alone.", { claimDenies })).stance).toBe("contradicts");
  });

  it("suggests supporting for a plain statement of the people and event, unclear for questions and hedges", () => {
    expect(suggestStance(about("Stalin ordered the murder.")).stance).toBe("supports");
    expect(suggestStance(about("Did Stalin order the murder?")).stance).toBe("unclear");
    expect(suggestStance(about("Stalin perhaps ordered the murder.")).stance).toBe("unclear");
    expect(
      suggestStance(about("The weather was cold.", { namesPeople: false, namesAgent: false, namesEvent: false }))
        .stance,
    ).toBe("unclear");
  });

  it("flips when the claim itself denies", () => {
    expect(suggestStance(about("Nikolaev did not act alone.", { claimDenies: true })).stance).toBe("supports");
    expect(suggestStance(about("Nikolaev shot Kirov.", { claimDenies: true })).stance).toBe("contradicts");
  });
});

describe("stance cues, edge cases", () => {
  it("keeps a later denial in reach when an earlier one is out of reach, and 'little doubt' removes only itself", () => {
    const text = "Not long after, in a quiet city far from here, the NKVD did not order the killing of Kirov.";
    expect(stanceCues(text, [14, 15, 16, 17]).denials).toEqual(["did not"]);
    expect(stanceCues("There is little doubt that Nikolaev did not act on Stalin's orders.").denials).toEqual([
      "did not",
    ]);
  });

  it("reads 'while' as opening a concession", () => {
    expect(stanceCues("While there is no direct evidence, Stalin ordered the murder.").denials).toEqual([]);
  });
});
