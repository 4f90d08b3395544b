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

/**
 * A spelling-independent key for one word of a name: the common romanizations of Russian
 * collapse to one form (Nikolaev/Nikolayev, Yagoda/Iagoda/Jagoda, Yezhov/Ezhov/Ezhow,
 * Khrushchev/Khruschev, Sergei/Sergey/Sergy, -sky/-ski, ë/e) rather than a list per name.
 */
export function nameWordKey(word: string): string {
  let key = romanize(word);
  key = key
    .replace(/shch|sch/g, "sc")
    .replace(/kh/g, "h")
    .replace(/zh/g, "j") // Dzerzhinsky / Dzerjinsky (French)
    .replace(/tz|ts/g, "c")
    .replace(/w/g, "v")
    .replace(/ph/g, "f")
    .replace(/([^aeiou\s])[yi]o/g, "$1e") // ё: Fyodor / Fedor, Pyotr / Petr, Semyon / Semen
    .replace(/^ye/, "e") // Yezhov / Ezhov, Yevdokimov / Evdokimov
    .replace(/[iy]e(v|va)$/, "e$1") // Zinoviev / Zinovyev / Zinovev
    .replace(/([aeiou])y?e/g, "$1e") // Nikolayev / Nikolaev
    .replace(/[yj]/g, "i") // Yagoda / Iagoda / Jagoda
    .replace(/i+/g, "i")
    .replace(/ei$|ii$/g, "i") // Sergei / Sergey / Sergy / Sergii
    .replace(/(.)\1+/g, "$1") // doubled letters
    .replace(/ie/g, "i"); // Spiegel / Spigel
  return key;
}

/** The key of a whole name: each word keyed, in order. */
export function nameKey(name: string): string {
  return foldText(name).split(" ").filter(Boolean).map(nameWordKey).join(" ");
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
