import { describe, expect, it } from "vitest";
import { type QuoteToReanchor, type ReanchorOutcome, reanchorQuotes, wordDiff } from "@/lib/sources/reanchor";
import { quoteForSpan } from "@/lib/sources/selectors";

/** The citation of `words` in `text` (its `occurrence`-th copy, counting from 0). */
function cite(text: string, words: string, occurrence = 0): QuoteToReanchor {
  let start = -1;
  for (let seen = 0; seen <= occurrence; seen++) {
    start = text.indexOf(words, start + 1);
    if (start === -1) throw new Error(`"${words}" does not occur ${occurrence + 1} times`);
  }
  const span = { start, end: start + words.length };
  return { ...span, quote: quoteForSpan(text, span) };
}

function only(oldText: string, newText: string, words: string, occurrence = 0): ReanchorOutcome {
  return reanchorQuotes(oldText, newText, [cite(oldText, words, occurrence)])[0]!;
}

function textAt(text: string, outcome: ReanchorOutcome): string | undefined {
  return outcome.kind === "not_found" ? undefined : text.slice(outcome.span.start, outcome.span.end);
}

const ARTICLE = [
  "Sergei Kirov was shot in the Smolny Institute on 1 December 1934.",
  "Leonid Nikolaev, a disaffected party member, was arrested at the scene. He had been detained near the building twice before and released both times.",
  "Stalin travelled to Leningrad the next day and questioned Nikolaev himself. Within weeks thousands were arrested.",
  'Historians disagree about the "official" version - some think the NKVD knew of the plot in advance.',
].join("\n\n");

describe("re-anchoring when nothing moved", () => {
  it("keeps the same offsets when they still hold the same words", () => {
    const outcome = only(ARTICLE, ARTICLE, "questioned Nikolaev himself");
    const quote = cite(ARTICLE, "questioned Nikolaev himself");
    expect(outcome).toEqual({ kind: "moved", span: { start: quote.start, end: quote.end }, method: "same-offsets" });
  });

  it("finds quotes at the very start and end of the text", () => {
    const changed = `${ARTICLE.replace("1934.", "1934 .")}`;
    const first = only(ARTICLE, changed, "Sergei Kirov was shot");
    const last = only(ARTICLE, changed, "knew of the plot in advance.");
    expect(first).toMatchObject({ kind: "moved", method: "same-offsets" });
    expect(last).toMatchObject({ kind: "moved", method: "quote" });
    expect(textAt(changed, last)).toBe("knew of the plot in advance.");
  });

  it("answers nothing for no quotes", () => {
    expect(reanchorQuotes(ARTICLE, ARTICLE, [])).toEqual([]);
  });
});

describe("re-anchoring after paragraphs were inserted or deleted", () => {
  it("moves a quote after a paragraph inserted before it", () => {
    const changed = ARTICLE.replace("Stalin travelled", "A new paragraph about the inquiry.\n\nStalin travelled");
    const outcome = only(ARTICLE, changed, "questioned Nikolaev himself");
    expect(outcome).toMatchObject({ kind: "moved", method: "quote" });
    expect(textAt(changed, outcome)).toBe("questioned Nikolaev himself");
  });

  it("moves a quote that opens the text after a paragraph inserted before everything", () => {
    const changed = `An editor's note opens the text now.\n\n${ARTICLE}`;
    const outcome = only(ARTICLE, changed, "Sergei Kirov was shot");
    expect(outcome).toMatchObject({ kind: "moved", method: "quote" });
    expect(textAt(changed, outcome)).toBe("Sergei Kirov was shot");
  });

  it("flags a quote whose paragraph was deleted", () => {
    const paragraphs = ARTICLE.split("\n\n");
    const changed = [paragraphs[0], paragraphs[2], paragraphs[3]].join("\n\n");
    const outcome = only(ARTICLE, changed, "was arrested at the scene");
    expect(outcome.kind).toBe("not_found");
    // The other quotes still move.
    expect(only(ARTICLE, changed, "questioned Nikolaev himself").kind).toBe("moved");
  });

  it("flags a quote whose sentence was deleted rather than pointing at a look-alike beside it", () => {
    const before =
      "The guard stood in the corridor. Kirov was shot in the corridor at half past four. Kirov was shot in the hall, said one report.";
    const after = "The guard stood in the corridor. Kirov was shot in the hall, said one report.";
    expect(only(before, after, "Kirov was shot in the corridor at half past four.")).toMatchObject({
      kind: "not_found",
    });
  });

  it("flags every quote when the new text is empty", () => {
    const outcomes = reanchorQuotes(ARTICLE, "", [cite(ARTICLE, "Sergei Kirov"), cite(ARTICLE, "in advance.")]);
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(["not_found", "not_found"]);
    expect(reanchorQuotes(ARTICLE, " \n\n ", [cite(ARTICLE, "Sergei Kirov")])[0]!.kind).toBe("not_found");
  });
});

describe("re-anchoring after typography changed", () => {
  it("moves a quote whose white space was re-flowed, as typography", () => {
    const changed = ARTICLE.replace("questioned Nikolaev himself", "questioned\nNikolaev  himself");
    const outcome = only(
      ARTICLE,
      changed,
      "Stalin travelled to Leningrad the next day and questioned Nikolaev himself.",
    );
    expect(outcome).toMatchObject({ kind: "moved", method: "typography" });
    expect(textAt(changed, outcome)).toBe(
      "Stalin travelled to Leningrad the next day and questioned\nNikolaev  himself.",
    );
  });

  it("moves a quote whose quote marks and dashes were re-encoded, as typography", () => {
    const changed = ARTICLE.replace('"official" version - some', "“official” version — some");
    const outcome = only(ARTICLE, changed, 'the "official" version - some think');
    expect(outcome).toMatchObject({ kind: "moved", method: "typography" });
    expect(textAt(changed, outcome)).toBe("the “official” version — some think");
  });

  it("treats curly apostrophes, dash runs and ellipses as the same characters", () => {
    const before = "Kirov's guard - Borisov - died the next day... or so it was said.";
    const after = "Kirov’s guard—Borisov—died the next day… or so it was said.";
    const outcome = only(before, after, "Kirov's guard - Borisov - died the next day...");
    expect(outcome).toMatchObject({ kind: "moved", method: "typography" });
    expect(textAt(after, outcome)).toBe("Kirov’s guard—Borisov—died the next day…");
  });

  it("keeps letters of every script", () => {
    const before = "Иван Серов (13 августа 1905 - 1 июля 1990) возглавлял КГБ.";
    const after = "Новый абзац.\n\nИван Серов (13 августа 1905 — 1 июля 1990) возглавлял КГБ.";
    const outcome = only(before, after, "Серов (13 августа 1905 - 1 июля 1990)");
    expect(outcome).toMatchObject({ kind: "moved", method: "typography" });
    expect(textAt(after, outcome)).toBe("Серов (13 августа 1905 — 1 июля 1990)");
  });
});

describe("re-anchoring a quote whose words changed", () => {
  it("proposes the corrected quote for confirmation, with a score and a word diff", () => {
    const changed = ARTICLE.replace("Leonid Nikolaev, a disaffected", "Leonid Nikolayev, a disaffected");
    const outcome = only(ARTICLE, changed, "Leonid Nikolaev, a disaffected party member");
    expect(outcome.kind).toBe("changed");
    if (outcome.kind !== "changed") return;
    expect(textAt(changed, outcome)).toBe("Leonid Nikolayev, a disaffected party member");
    expect(outcome.score).toBeGreaterThan(0.9);
    expect(outcome.score).toBeLessThan(1);
    expect(wordDiff("Leonid Nikolaev, a disaffected party member", textAt(changed, outcome)!)).toEqual([
      { kind: "same", text: "Leonid " },
      { kind: "removed", text: "Nikolaev" },
      { kind: "added", text: "Nikolayev" },
      { kind: "same", text: ", a disaffected party member" },
    ]);
  });

  it("follows a corrected first or last word to the quote's new edges", () => {
    const changed = ARTICLE.replace("Within weeks thousands were arrested.", "Within weaks thousands were arested.");
    const outcome = only(ARTICLE, changed, "Within weeks thousands were arrested");
    expect(outcome.kind).toBe("changed");
    expect(textAt(changed, outcome)).toBe("Within weaks thousands were arested");
  });

  it("proposes a quote with an added word, after a paragraph inserted before it", () => {
    const changed = ARTICLE.replace(
      "Leonid Nikolaev, a disaffected",
      "Inserted.\n\nLeonid Nikolaev, a deeply disaffected",
    );
    const outcome = only(ARTICLE, changed, "Nikolaev, a disaffected party member, was arrested");
    expect(outcome.kind).toBe("changed");
    expect(textAt(changed, outcome)).toBe("Nikolaev, a deeply disaffected party member, was arrested");
  });

  it("flags a quote rewritten beyond recognition", () => {
    const changed = ARTICLE.replace(
      "He had been detained near the building twice before and released both times.",
      "Police records of earlier arrests have never been found.",
    );
    expect(only(ARTICLE, changed, "He had been detained near the building twice before").kind).toBe("not_found");
  });

  it("says a changed letter inside a word is a change, not typography", () => {
    const changed = ARTICLE.replace("Smolny", "Smolnyi");
    const outcome = only(ARTICLE, changed, "in the Smolny Institute");
    expect(outcome.kind).toBe("changed");
    expect(textAt(changed, outcome)).toBe("in the Smolnyi Institute");
  });
});

describe("re-anchoring repeated words", () => {
  const note = "Nikolaev pointed towards NKVD men, saying Stalin should ask them that.";

  it("never re-points a deleted copy to another copy that survived", () => {
    const before = `First lecture.\n\n${note}\n\nSecond lecture: ${note} So it was said.\n\nThe end.`;
    const after = `First lecture.\n\n${note}\n\nThe end.`;
    const outcomes = reanchorQuotes(before, after, [cite(before, note, 0), cite(before, note, 1)]);
    expect(outcomes[0]).toMatchObject({ kind: "moved", span: { start: after.indexOf(note) } });
    expect(outcomes[1]!.kind).toBe("not_found");
  });

  it("does not choose when the deleted text could as well have been around the other copy", () => {
    // Deleting "Second lecture. <note>" or "<note> Second lecture." leaves the same text.
    const before = `First lecture.\n\n${note}\n\nSecond lecture, on the trial.\n\n${note}\n\nThe end.`;
    const after = `First lecture.\n\n${note}\n\nThe end.`;
    const outcomes = reanchorQuotes(before, after, [cite(before, note, 0), cite(before, note, 1)]);
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(["not_found", "not_found"]);
  });

  it("does not choose between identical neighbours when one was deleted", () => {
    const before = `Notes.\n\n${note}\n\n${note}\n\nThe end.`;
    const after = `Notes.\n\n${note}\n\nThe end.`;
    const outcomes = reanchorQuotes(before, after, [cite(before, note, 0), cite(before, note, 1)]);
    // Deleting either copy gives the same text: neither quote may claim the survivor.
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(["not_found", "not_found"]);
    const offered = outcomes.flatMap((outcome) => (outcome.kind === "not_found" ? (outcome.candidates ?? []) : []));
    expect(offered).toContainEqual({ start: after.indexOf(note), end: after.indexOf(note) + note.length });
  });

  it("keeps a quote in place when a copy of its paragraph is inserted elsewhere", () => {
    const paragraph = "Borisov, the bodyguard, died in a lorry accident the next day.";
    const before = `Opening.\n\n${paragraph}\n\nMiddle.\n\nMore text here.\n\nClosing.`;
    const after = `Opening.\n\n${paragraph}\n\nMiddle.\n\nMore text here.\n\n${paragraph}\n\nClosing.`;
    const outcome = only(before, after, "died in a lorry accident");
    expect(outcome).toMatchObject({ kind: "moved", span: { start: after.indexOf("died in a lorry") } });
  });

  it("follows the changed copy of repeated words, not an unchanged one", () => {
    const before = `Intro.\n\n${note}\n\nInterlude.\n\n${note}\n\nOutro.`;
    const after = `Intro.\n\n${note}\n\nInterlude.\n\n${note.replace("saying", "and said")}\n\nOutro.`;
    const outcome = only(before, after, note, 1);
    expect(outcome.kind).toBe("changed");
    expect(textAt(after, outcome)).toBe(note.replace("saying", "and said"));
  });

  it("does not confirm a very common word by its place alone", () => {
    const before = Array.from({ length: 100 }, (_, index) => `Stalin ${index % 2 ? "spoke" : "wrote"}.`).join(" ");
    const after = before.replace("Stalin spoke.", "Stalin spoke again.");
    const outcomes = reanchorQuotes(before, after, [cite(before, "Stalin", 40)]);
    expect(["moved", "not_found"]).toContain(outcomes[0]!.kind);
    if (outcomes[0]!.kind === "moved") expect(textAt(after, outcomes[0]!)).toBe("Stalin");
  });
});

describe("re-anchoring a moved passage", () => {
  it("never moves silently: a paragraph cut and pasted elsewhere is proposed or offered", () => {
    const moved = "The Leningrad NKVD chief, Filipp Medved, was removed and later shot in 1937.";
    const before = `Opening paragraph.\n\n${moved}\n\nA middle paragraph.\n\nAnother one.\n\nClosing paragraph.`;
    const after = `Opening paragraph.\n\nA middle paragraph.\n\nAnother one.\n\n${moved}\n\nClosing paragraph.`;
    const outcome = only(before, after, "Filipp Medved, was removed and later shot");
    const where = after.indexOf("Filipp Medved");
    if (outcome.kind === "not_found") expect(outcome.candidates).toContainEqual({ start: where, end: where + 41 });
    else expect(outcome).toMatchObject({ span: { start: where, end: where + 41 } });
  });
});

describe("re-anchoring robustness", () => {
  it("locates a quote whose stored offsets are stale", () => {
    const quote = cite(ARTICLE, "questioned Nikolaev himself");
    const stale = { ...quote, start: quote.start + 5, end: quote.end + 5 };
    const changed = `Preface.\n\n${ARTICLE}`;
    const outcome = reanchorQuotes(ARTICLE, changed, [stale])[0]!;
    expect(textAt(changed, outcome)).toBe("questioned Nikolaev himself");
  });

  it("flags a quote that is not in the old text at all", () => {
    const outcome = reanchorQuotes(ARTICLE, ARTICLE, [
      { start: 0, end: 5, quote: { text: "nowhere", prefix: "", suffix: "" } },
    ])[0]!;
    expect(outcome.kind).toBe("not_found");
  });

  it("re-anchors a quote that starts or ends inside a word", () => {
    const changed = `Preface.\n\n${ARTICLE}`;
    const outcome = only(ARTICLE, changed, "ikolaev himse");
    expect(textAt(changed, outcome)).toBe("ikolaev himse");
  });

  it("gives the same answers with the anchored diff that long, much-changed texts get", () => {
    const changed = ARTICLE.replace("Stalin travelled", "Inserted paragraph.\n\nStalin travelled").replace(
      "Nikolaev, a disaffected",
      "Nikolayev, a disaffected",
    );
    const quotes = ["questioned Nikolaev himself", "Leonid Nikolaev, a disaffected party member", "Sergei Kirov"].map(
      (words) => cite(ARTICLE, words),
    );
    expect(reanchorQuotes(ARTICLE, changed, quotes, { maxEditWords: 0 })).toEqual(
      reanchorQuotes(ARTICLE, changed, quotes),
    );
  });

  it("stays fast on a long text of one repeated word", () => {
    const before = "a ".repeat(150_000);
    const after = `${"a ".repeat(70_000)}b ${"a ".repeat(79_990)}`;
    const quotes = Array.from({ length: 200 }, (_, index) => {
      const start = (index * 1499) % (before.length - 40);
      const span = { start, end: start + 31 };
      return { ...span, quote: quoteForSpan(before, span) };
    });
    const started = performance.now();
    const outcomes = reanchorQuotes(before, after, quotes);
    expect(performance.now() - started).toBeLessThan(10_000);
    for (const [index, outcome] of outcomes.entries()) {
      if (outcome.kind !== "not_found") expect(textAt(after, outcome)).toBe(quotes[index]!.quote.text.trim());
    }
  });
});
