// Letters that do not decompose into a base letter plus accent under NFD (looked up after
// lower-casing, so "Ð" and "ð" fold alike and folding twice changes nothing).
const SPECIAL_LETTERS: Record<string, string> = {
  ł: "l",
  ø: "o",
  đ: "d",
  ð: "d",
  þ: "th",
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ı: "i",
  ŀ: "l",
};
const SPECIAL_LETTER = /[łøđðþßæœıŀ]/g;

/**
 * Folds text for matching: lower case, accents and other combining marks removed
 * ("Kádár" -> "kadar", "Urząd" -> "urzad", "Серóв" -> "серов"), punctuation and symbols
 * turned into single spaces, trimmed. Letters of every script are kept.
 */
export function foldText(input: string): string {
  // Lower-casing may itself produce a combining mark ("İ" -> "i̇"), so marks go after it.
  return input
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(SPECIAL_LETTER, (letter) => SPECIAL_LETTERS[letter] ?? letter)
    .replace(/[’'`´]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** A URL-safe slug from any text; non-Latin letters are kept as they are. */
export function slugify(input: string, maxLength = 80): string {
  const folded = foldText(input).replace(/\s+/g, "-");
  return folded.slice(0, maxLength).replace(/-+$/g, "") || "item";
}
