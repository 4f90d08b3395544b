import { beforeEach, describe, expect, it } from "vitest";
import { addEvidence } from "@/lib/evidence/mutations";
import { makeActor, makeClaim, makeSource } from "../factories";
import { db, resetDatabase, tableSnapshot } from "../helpers";

beforeEach(resetDatabase);

describe("addEvidence", () => {
  it("reuses the imported sentence when a quote is exactly one", async () => {
    const actor = await makeActor("contributor");
    const source = await makeSource();
    const claim = await makeClaim();
    const sentence = source.passages.find(
      (passage) => passage.kind === "sentence" && passage.text === "Others say Nikolaev acted alone.",
    )!;
    const evidence = await addEvidence(db(), actor, {
      claimId: claim.id,
      passage: { sourceId: source.id, quote: "Others say Nikolaev acted alone." },
      stance: "contradicts",
      note: "A second view.",
    });
    expect(evidence.passageId).toBe(sentence.id);
  });

  it("turns any other span into a selection passage that keeps the offset invariant", async () => {
    const actor = await makeActor("contributor");
    const source = await makeSource();
    const claim = await makeClaim();
    const start = source.text.indexOf("Stalin ordered");
    const evidence = await addEvidence(db(), actor, {
      claimId: claim.id,
      passage: { sourceId: source.id, start, end: start + "Stalin ordered the murder".length },
      stance: "supports",
      pinpoint: "para. 2",
    });
    const passage = await db().passage.findUniqueOrThrow({ where: { id: evidence.passageId } });
    expect(passage).toMatchObject({
      kind: "selection",
      text: "Stalin ordered the murder",
      start,
      createdById: actor.id,
    });
    expect(source.text.slice(passage.start, passage.end)).toBe(passage.text);
    expect(passage.prefix).toBe(source.text.slice(Math.max(0, start - 32), start));
  });

  it.each([
    ["a quote that is not in the source", { quote: "Stalin confessed" }, "INVALID", "quote"],
    ["a span past the end", { start: 0, end: 10_000_000 }, "INVALID", "end"],
    ["a span that ends before it starts", { start: 10, end: 5 }, "INVALID", "passage.end"],
    ["an unknown source", { sourceId: "nope", quote: "Kirov" }, "NOT_FOUND", "sourceId"],
  ] as const)("refuses %s and writes nothing", async (_name, ref, code, field) => {
    const actor = await makeActor("contributor");
    const source = await makeSource();
    const claim = await makeClaim();
    const before = await tableSnapshot();
    await expect(
      addEvidence(db(), actor, {
        claimId: claim.id,
        passage: { sourceId: source.id, ...ref } as never,
        stance: "supports",
      }),
    ).rejects.toMatchObject({ code, field });
    expect(await tableSnapshot()).toEqual(before);
  });

  it("refuses a quote that occurs twice unless told which occurrence", async () => {
    const actor = await makeActor("contributor");
    const source = await makeSource("Kirov was shot. Then Kirov was mourned.", "Twice");
    const claim = await makeClaim();
    await expect(
      addEvidence(db(), actor, {
        claimId: claim.id,
        passage: { sourceId: source.id, quote: "Kirov" },
        stance: "context",
      }),
    ).rejects.toMatchObject({
      code: "INVALID",
      field: "occurrence",
    });
    const evidence = await addEvidence(db(), actor, {
      claimId: claim.id,
      passage: { sourceId: source.id, quote: "Kirov", occurrence: 2 },
      stance: "context",
    });
    const passage = await db().passage.findUniqueOrThrow({ where: { id: evidence.passageId } });
    expect(passage.start).toBe(source.text.lastIndexOf("Kirov"));
  });

  it("links a passage to a claim once, and a second link is a conflict that writes nothing", async () => {
    const actor = await makeActor("contributor");
    const source = await makeSource();
    const claim = await makeClaim();
    const input = {
      claimId: claim.id,
      passage: { sourceId: source.id, quote: "Stalin ordered the murder" },
      stance: "supports" as const,
    };
    await addEvidence(db(), actor, input);
    const before = await tableSnapshot();
    await expect(addEvidence(db(), actor, { ...input, stance: "contradicts" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await tableSnapshot()).toEqual(before);
  });

  it("stores hostile text as text", async () => {
    const actor = await makeActor("contributor");
    const source = await makeSource();
    const claim = await makeClaim();
    const note = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
    const evidence = await addEvidence(db(), actor, {
      claimId: claim.id,
      passage: { sourceId: source.id, quote: "Kirov", occurrence: 1 },
      stance: "context",
      note,
    });
    expect((await db().evidence.findUniqueOrThrow({ where: { id: evidence.id } })).note).toBe(note);
  });
});
