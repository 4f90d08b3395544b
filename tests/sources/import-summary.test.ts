// Issue 15, item 7: after an import, what it found: paragraphs, sentences, the people it names
// with the spellings it uses, and the names it repeats that match nobody.
import { beforeEach, describe, expect, it } from "vitest";
import { importSource } from "@/lib/sources/import";
import { getImportSummary } from "@/lib/sources/queries";
import { makeActor, makePerson, SYSTEM_ACTOR } from "../factories";
import { db, resetDatabase } from "../helpers";

beforeEach(resetDatabase);

describe("getImportSummary", () => {
  it("counts the passages and names the people found and the names not recognised", async () => {
    await makePerson("Sergei Kirov", ["Kirov"]);
    const { sourceId } = await importSource(db(), SYSTEM_ACTOR, {
      title: "The trial",
      content: [
        "Vasili Ulrikh presided over the trial after Sergei Kirov was shot.",
        "The court sat for two days. Vasili Ulrikh read the sentences at night. Kirov's murder was avenged.",
        "Historians have since questioned every confession the court heard from the accused in Ulrikh's court.",
      ].join("\n\n"),
    });
    const summary = await getImportSummary(db(), await makeActor("moderator"), { sourceId });
    expect(summary).toMatchObject({ paragraphCount: 3, sentenceCount: 5, ambiguous: 0 });
    expect(summary.people).toEqual([
      expect.objectContaining({ name: "Sergei Kirov", spellings: expect.arrayContaining(["Sergei Kirov"]) }),
    ]);
    expect(summary.unrecognised.map((name) => name.name)).toContain("Vasili Ulrikh");
    // Names waiting for a moderator are a moderator's to see, as on the source page.
    expect((await getImportSummary(db(), await makeActor("contributor"), { sourceId })).unrecognised).toEqual([]);
    expect((await getImportSummary(db(), null, { sourceId })).unrecognised).toEqual([]);
  });

  it("refuses an unknown source id shape, naming the field", async () => {
    await expect(getImportSummary(db(), null, { sourceId: "" })).rejects.toMatchObject({
      code: "INVALID",
      field: "sourceId",
    });
  });
});
