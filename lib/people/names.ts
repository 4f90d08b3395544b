import { foldText } from "@/lib/text/fold";

// Scientific-ish romanization of Russian Cyrillic, so "Николаев" and "Nikolaev" meet.
const CYRILLIC: Record<string, string> = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  д: "d",
  е: "e",
  ё: "e",
  ж: "zh",
  з: "z",
  и: "i",
  й: "i",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  х: "kh",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "shch",
  ъ: "",
  ы: "y",
  ь: "",
  э: "e",
  ю: "yu",
  я: "ya",
  і: "i",
  ї: "i",
  є: "e",
  ґ: "g",
  ў: "u",
};

function romanize(folded: string): string {
  return folded.replace(/[\u0400-\u04FF]/g, (letter) => CYRILLIC[letter] ?? letter);
}

// Scholarly transliteration (ISO 9, ALA-LC, the Czech-style "Chruščëv") and Polish write Russian
// sounds with accented letters that plain folding would reduce to another sound (š to s, ž to z):
// they are spelled out first. "ë" (ISO's ё) folds to e like ё itself.
const MARKED_LETTERS: Record<string, string> = {
  š: "sh",
  Š: "sh",
  ž: "zh",
  Ž: "zh",
  č: "ch",
  Č: "ch",
  ŝ: "shch",
  Ŝ: "shch",
  ż: "zh",
  Ż: "zh",
  ź: "z",
  Ź: "z",
  ś: "s",
  Ś: "s",
};

/** Spells out the accented letters of scholarly and Polish transliteration; everything else as it was. */
export function spellOutMarkedLetters(text: string): string {
  // Composed first, so that "z" followed by a combining caron reads as "ž".
  return text.normalize("NFC").replace(/[šŠžŽčČŝŜżŻźŹśŚ]/g, (letter) => MARKED_LETTERS[letter] ?? letter);
}

/** The rules about how a word ends, for a whole word ($: the end) or its beginning ((?!): never). */
function endingRules(end: string) {
  const atEnd = (source: string, flags = "") => new RegExp(source.replaceAll("$END", end), flags);
  return {
    chBeforeConsonant: atEnd("ch(?=[^aeiouy]|$END)", "g"),
    sibilantOv: atEnd("(sc|sh|ch|zh)(?:[yi]?o|e)(v|va|w|wa)$END"),
    softEv: atEnd("[iyj]e(v|va)$END"),
    finalEi: atEnd("ei$END|ii$END", "g"),
  };
}
// Built once: a key is made for every word of every text indexed or searched.
const WHOLE_WORD_RULES = endingRules("$");
const WORD_BEGINNING_RULES = endingRules("(?!)");

/**
 * "ou" read as у in a word that has an х (kh) anywhere: what /(?<=kh.*)ou|ou(?=.*kh)/g does, line by
 * line as its "." does, without that expression's look back from every position of a long word.
 */
function frenchU(key: string): string {
  if (!key.includes("kh")) return key;
  return key.replace(/[^\n\r\u2028\u2029]+/g, (line) => (line.includes("kh") ? line.replaceAll("ou", "u") : line));
}

/**
 * A spelling-independent key for one (folded) word of a name: the romanizations of Russian a
 * historian meets collapse to one form rather than a list per name. English (Nikolaev/Nikolayev,
 * Yagoda/Iagoda, Yezhov/Ezhov, Khrushchev/Khrushchov/Khrushchyov, Sergei/Sergey, -sky/-ski),
 * scholarly (Chruščëv, Ežov, Jagoda, with the accents spelled out before folding), and the
 * unambiguous parts of German, French and Polish: their spellings of щ (schtsch, chtch, szcz),
 * ч (tsch, tch, cz), ш (sch, sz), дж (dsch), -ов (-ow), "ch" before a consonant (Chruschtschow),
 * French "ou" (Khrouchtchev). Letters those systems use for different sounds (German "s" for з,
 * "sch" for ж, French "j" for ж, Polish "ie" for е) cannot be read one way for every word: see
 * `nameKeyReadings`.
 */
export function nameWordKey(word: string, options: { partial?: boolean } = {}): string {
  // A word's beginning (a prefix search, "Bolshev*") skips the rules about how words end, which
  // would read its last letters as an ending ("Bolshev" is not a surname in -ev).
  const ending = options.partial ? WORD_BEGINNING_RULES : WHOLE_WORD_RULES;
  // A key is made for every word indexed, searched or scanned for names, and a word has the letters
  // of only a few of these rules: each is tried only when its letters are there (looking for them
  // costs less than a rule's search that finds nothing).
  let key = romanize(word);
  if (key.includes("dsch")) key = key.replace(/dsch/g, "dzh"); // дж: German (Dschugaschwili)
  if (key.includes("ch") || key.includes("szcz")) key = key.replace(/schtsch|szcz|chtch|shch|sch/g, "sc"); // щ: German, Polish, French, English (and Khruschev)
  if (key.includes("ch") || key.includes("cz")) key = key.replace(/tsch|tch|cz/g, "ch"); // ч: German, French, Polish
  if (key.includes("sz")) key = key.replace(/sz/g, "sh"); // ш: Polish
  if (key.includes("ch")) key = key.replace(ending.chBeforeConsonant, "kh"); // х before a consonant or at the end: Chruschtschow, Genrich
  if (key.startsWith("sh")) key = key.replace(/^sh(?=[^aeiouy])/, "s"); // Yiddish and German names: Shpigelglas / Špigel'glas / Spigelglas
  key = frenchU(key); // French у, only in words with х: Khrouchtchev, Boukharine
  // -ёв/-ов after a sibilant, written -ev, -ov or -yov: Khrushchev / Khrushchov / Khrushchyov, Yezhov
  if (key.includes("v") || key.includes("w")) key = key.replace(ending.sibilantOv, "$1o$2");
  if (key.includes("kh")) key = key.replace(/kh/g, "h");
  if (key.includes("zh")) key = key.replace(/zh/g, "j"); // Dzerzhinsky / Dzerjinsky (French)
  if (key.includes("tz") || key.includes("ts")) key = key.replace(/tz|ts/g, "c");
  if (key.includes("w")) key = key.replace(/w/g, "v");
  if (key.includes("ph")) key = key.replace(/ph/g, "f");
  if (key.includes("yo") || key.includes("io")) key = key.replace(/([^aeiou\s])[yi]o/g, "$1e"); // ё: Fyodor / Fedor, Pyotr / Petr, Semyon / Semen
  if (key.startsWith("ye") || key.startsWith("je")) key = key.replace(/^[yj]e/, "e"); // Yezhov / Ezhov / Jeżow, Yevdokimov / Evdokimov
  if (key.startsWith("ie")) key = key.replace(/^ie(?=[^aeiou])/, "e"); // Iejov (French)
  if (key.includes("ev")) key = key.replace(ending.softEv, "e$1"); // Zinoviev / Zinovyev / Zinovev, Nikolajew
  if (key.includes("e")) key = key.replace(/([aeiou])[yj]?e/g, "$1e"); // Nikolayev / Nikolaev / Nikolajew
  if (key.includes("y") || key.includes("j")) key = key.replace(/[yj]/g, "i"); // Yagoda / Iagoda / Jagoda
  if (key.includes("ii")) key = key.replace(/i+/g, "i");
  if (key.endsWith("ei") || key.endsWith("ii")) key = key.replace(ending.finalEi, "i"); // Sergei / Sergey / Sergy / Sergii
  if (hasDoubledCharacter(key)) key = key.replace(/(.)\1+/g, "$1"); // doubled letters
  if (key.includes("ie")) key = key.replace(/ie/g, "i"); // Spiegel / Spigel
  return key;
}

const LINE_TERMINATORS = new Set(["\n", "\r", "\u2028", "\u2029"]);

/** Whether /(.)\1/ would match: a character twice in a row, line terminators aside (no "." matches them). */
function hasDoubledCharacter(text: string): boolean {
  for (let index = 1; index < text.length; index++) {
    if (text[index] === text[index - 1] && !LINE_TERMINATORS.has(text[index]!)) return true;
  }
  return false;
}

// How other romanizations of Russian write sounds English writes differently, as rewrites into
// English-style spelling, applied to a lower-case word before its accents are spelled out. The key
// already folds what is unambiguous; these are the letters each system uses for another sound
// than English does, so each system is one reading of the whole word.
type Rewrite = [RegExp, string];
const GERMAN_BASE: Rewrite[] = [
  [/z/g, "ts"], // ц: Jelzin, Saporoschez, Solschenizyn
  [/(?<=[aeiouyäöü])s(?=[aeiouyäöü])/g, "z"], // з between vowels (с is written ss there)
  [/(?<=d)s(?=[aeiouy])/g, "z"], // дз: Dserschinski
  [/ss/g, "s"], // с between vowels: Borissow
  [/(?<![st])ch/g, "kh"], // х: Genrich, Tuchatschewski
];
const GERMAN_SH: Rewrite = [/(?<![td])sch(?!tsch)/g, "sh"]; // ш: Schpigelglas, Dschugaschwili
const GERMAN_ZH: Rewrite = [/(?<![td])sch(?!tsch)/g, "zh"]; // ж: Jeschow, Breschnew, Schukow
const INITIAL_Z: Rewrite = [/^s(?=[aeiouy])/, "z"]; // з at the start: Sinowjew (but Serow is с)
const SYSTEM_READINGS: Rewrite[][] = [
  [...GERMAN_BASE, GERMAN_SH],
  [...GERMAN_BASE, GERMAN_ZH],
  [...GERMAN_BASE, GERMAN_SH, INITIAL_Z],
  [...GERMAN_BASE, GERMAN_ZH, INITIAL_Z],
  // French: ch is ш, j is ж, ou is у, a final e is silent (Pouchkine, Joukov, Iejov, Soljenitsyne).
  [
    [/chtch/g, "shch"],
    [/tch/g, "\u0001"],
    [/ch/g, "sh"],
    [/\u0001/g, "ch"],
    [/j/g, "zh"],
    [/ou/g, "u"],
    [/(?<=[^aeiouy])e$/, ""],
  ],
  // Polish: ie after a consonant is е, rz is ж, ch is х (Kamieniew, Miedwied, Dzierżyński).
  [
    [/(?<=[^aeiouy])ie/g, "e"],
    [/rz/g, "zh"],
    [/ch/g, "kh"],
  ],
  // Scholarly (Czech-style and ISO 9): ch is х, c is ц (Tuchačevskij, El'cin).
  [
    [/ch/g, "kh"],
    [/c(?!h)/g, "ts"],
  ],
];

/**
 * Every key a typed name may stand for: its own key, and its key read as German, French, Polish
 * or scholarly romanization ("Jeschow" is Yezhov in German, "Iejov" in French, "Kamieniew" Kamenev
 * in Polish). For looking people up; what is stored and indexed keeps the one key of `nameKey`.
 */
const MIN_READING = 3;

export function nameKeyReadings(name: string): string[] {
  const words = name.normalize("NFC").toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const keyOf = (text: string) => nameKey(text);
  const own = words.map(keyOf);
  const readings = new Set([own.join(" ")]);
  for (const rules of SYSTEM_READINGS) {
    const read = words.map((word, index) => {
      const key = keyOf(rules.reduce((text, [pattern, value]) => text.replace(pattern, value), word));
      // A reading that leaves almost nothing ("de" read as French) would match every name.
      return key.length < MIN_READING && key !== own[index] ? own[index]! : key;
    });
    readings.add(read.join(" "));
  }
  readings.delete("");
  return [...readings];
}

/** The key of a whole name: each word keyed, in order. */
export function nameKey(name: string): string {
  return foldText(spellOutMarkedLetters(name))
    .split(" ")
    .filter(Boolean)
    .map((word) => nameWordKey(word))
    .join(" ");
}

/** The last word of each spelling's key ("kirov" for "Sergei Kirov"), at least this long: how running text names a person. */
export function surnameKeys(aliases: { key: string }[], minLength: number): Set<string> {
  const surnames = new Set<string>();
  for (const alias of aliases) {
    const surname = alias.key.split(" ").filter(Boolean).pop();
    if (surname && surname.length >= minLength) surnames.add(surname);
  }
  return surnames;
}
