// Which recurring names a text offers as people nobody knows yet (lib/people/suggestions.ts): runs
// of capitalised words end at a sentence's end, at anything but spaces between two words, and
// after a possessive; a name recurs in full or by its surname alone.
import { describe, expect, it } from "vitest";
import { nameKey } from "@/lib/people/names";
import { detectNameSuggestions } from "@/lib/people/suggestions";

const names = (text: string, known: string[] = []) =>
  detectNameSuggestions(
    text,
    [],
    known.map((name, index) => ({ id: String(index), name, aliases: [{ name, key: nameKey(name) }] })),
  ).map((draft) => `${draft.name}×${draft.occurrences}`);

describe("names offered from a text", () => {
  it("finds a name used twice, or once with its surname again alone, and not one known", () => {
    expect(names("Vasili Ulrikh presided. The judge was Vasili Ulrikh, as before.")).toEqual(["Vasili Ulrikh×2"]);
    expect(names("Vasili Ulrikh presided. The sentences were read by Ulrikh.")).toEqual(["Vasili Ulrikh×1"]);
    expect(names("Vasili Ulrikh presided. The sentences were read by Ulrikh.", ["Vasili Ulrikh"])).toEqual([]);
    expect(names("Vasili Ulrikh presided over the court.")).toEqual([]);
  });

  it("ends a run at a sentence's end, a line break, punctuation between words, and a possessive", () => {
    // "Moscow. Ivan" is two sentences: no "Moscow Ivan".
    expect(names("He went to Moscow. Ivan Petrov met him in Moscow. Ivan Petrov left.")).toEqual(["Ivan Petrov×2"]);
    expect(names("Anna Ivanova\nPetrov spoke. Anna Ivanova\nPetrov spoke.")).toEqual(["Anna Ivanova×2"]);
    expect(names("Anna, Ivanova and Anna, Ivanova.")).toEqual([]);
    expect(names("Harvard's Ulam wrote. Harvard's Ulam wrote again.")).toEqual([]);
    expect(names("Harvard’s Adam Ulam wrote. Harvard’s Adam Ulam wrote again.")).toEqual(["Adam Ulam×2"]);
  });

  it("keeps particles inside a name, drops one at its end, and skips words the text uses in lower case", () => {
    expect(names("Ludwig van Beethoven wrote. Ludwig van Beethoven wrote again.")).toEqual(["Ludwig van Beethoven×2"]);
    expect(names("Ivan Petrov de saw it. Ivan Petrov de saw it.")).toEqual(["Ivan Petrov×2"]);
    expect(names("The Red Army came. The Red Army left. The army was red.")).toEqual([]);
  });

  it("reads markup as text and a huge text without a sentence end in one pass", () => {
    expect(names('<b onclick="x">Ivan Petrov</b> spoke. <script>Ivan Petrov</script> left.')).toEqual([
      "Ivan Petrov×2",
    ]);
    expect(names("")).toEqual([]);
    // 200,000 words and no sentence end: one run after another, each ended by a lower-case word.
    const long = "Ivan Petrov met them and ".repeat(40_000);
    expect(names(long)).toEqual(["Ivan Petrov×40000"]);
  });
});
