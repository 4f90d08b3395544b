// Properties of mention detection (issue 16), on random and hostile text: what it reports is in the
// text, for known people only, and a full name is found wherever it stands.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectMentions, type KnownPerson } from "@/lib/people/detect";
import { nameKey } from "@/lib/people/names";
import { keyedWords } from "@/lib/search/text";
import { hostileText, PROPERTY_RUNS } from "../hostile-text";

const runs = { numRuns: PROPERTY_RUNS };

const PEOPLE: KnownPerson[] = [
  ["kirov", "Sergei Kirov", "Sergey Mironovich Kirov"],
  ["anna-kirov", "Anna Kirov"],
  ["nikolaev", "Leonid Nikolaev", "Nikolayev"],
  ["stalin", "Joseph Stalin"],
].map(([id, ...names]) => ({ id: id!, aliases: names.map((name) => ({ name, key: nameKey(name) })) }));
const IDS = new Set(PEOPLE.map((person) => person.id));

describe("detectMentions", () => {
  it("reports spellings found in the text, for known people, no more often than there are words", () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const mentions = detectMentions(text, PEOPLE);
        for (const mention of mentions) {
          expect(IDS.has(mention.personId)).toBe(true);
          expect(text).toContain(mention.surface);
          expect(mention.count).toBeGreaterThan(0);
          expect(["attached", "ambiguous"]).toContain(mention.status);
        }
        const attachedCount = mentions
          .filter((mention) => mention.status === "attached")
          .reduce((sum, mention) => sum + mention.count, 0);
        expect(attachedCount).toBeLessThanOrEqual(keyedWords(text).length);
      }),
      runs,
    );
  });

  it("attaches a full name to its person wherever it stands, in any spelling", () => {
    fc.assert(
      fc.property(
        hostileText,
        hostileText,
        fc.constantFrom("Sergei Kirov", "Sergey Kirov", "Leonid Nikolayev", "Joseph Stalin's"),
        (before, after, name) => {
          const expected = name.startsWith("Leonid") ? "nikolaev" : name.startsWith("Joseph") ? "stalin" : "kirov";
          const mentions = detectMentions(`${before}. ${name}. ${after}`, PEOPLE);
          expect(mentions).toContainEqual(
            expect.objectContaining({ personId: expected, surface: name.replace("'s", ""), status: "attached" }),
          );
        },
      ),
      runs,
    );
  });
});
