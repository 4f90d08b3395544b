// Letters that do not decompose into a base letter plus accent under NFD.
const SPECIAL_LETTERS: Record<string, string> = {
  ł: "l",
  Ł: "l",
  ø: "o",
  Ø: "o",
  đ: "d",
  Đ: "d",
  ð: "d",
  þ: "th",
  ß: "ss",
  æ: "ae",
  Æ: "ae",
  œ: "oe",
  Œ: "oe",
  ı: "i",
  ŀ: "l",
};

/**
 * Folds text for matching: lower case, accents and other combining marks removed
 * ("Kádár" -> "kadar", "Urząd" -> "urzad", "Серóв" -> "серов"), punctuation and symbols
 * turned into single spaces, trimmed. Letters of every script are kept.
 */
export function foldText(input: string): string {
  return input
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[łŁøØđĐðþßæÆœŒıŀ]/g, (letter) => SPECIAL_LETTERS[letter] ?? letter)
    .toLowerCase()
    .replace(/[’'`´]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** A URL-safe slug from any text; non-Latin letters are kept as they are. */
export function slugify(input: string, maxLength = 80): string {
  const folded = foldText(input).replace(/\s+/g, "-");
  return folded.slice(0, maxLength).replace(/-+$/g, "") || "item";
}
