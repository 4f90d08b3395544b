import { describe, expect, it } from "vitest";
import { looksLikeApparatus } from "@/lib/claims/suggestions";

describe("looksLikeApparatus", () => {
  it.each([
    "{{DEFAULTSORT:Serov, Ivan 1905 births 1990 deaths}}",
    '* Nikita Petrov, "The First Chairman of the KGB: Ivan Serov", Moscow, 2005.',
    "References\nSpigelglas, Sergey 1897 births",
    "Further reading",
    "Conquest, R. The Great Terror. ISBN 978-0-19-531700-8",
    "Knight, Who Killed Kirov?, pp. 12-14.",
    "[[Category:NKVD officers]]",
  ])("reads %s as a line of apparatus", (text) => {
    expect(looksLikeApparatus(text)).toBe(true);
  });

  it.each([
    "Serov became the director of the GRU.",
    "References to the murder were removed from the official record.",
    "He met Stalin on 12 December; the two argued over the plan.",
  ])("reads %s as prose", (text) => {
    expect(looksLikeApparatus(text)).toBe(false);
  });
});
