import { keyedWords } from "./text";

// Words that carry no meaning of their own in a claim (keyed like the index: see lib/search/text.ts).
const STOP_WORDS = new Set(
  (
    "a an the and or but nor of to in on at by for with from into onto upon about as than then that this these those there " +
    "is are was were be been being am has have had do does did done will would shall should can could may might must " +
    "it its he him his she her hers they them their we us our you your i me my who whom whose which what when where why how " +
    "not no yes all any some each every both either neither such same other another more most less least much many few " +
    "very so too also just only even still yet ever never always often again once here over under after before while during " +
    "because if though although since until unless whether against between among through without within out up down off " +
    "one two three four five six seven eight nine ten said says say told"
  )
    .split(" ")
    .map((word) => keyedWords(word)[0]?.key ?? word),
);

// Reduces inflections to a common stem, applied to already keyed words ("murdered" → "murder",
// "killing" and "killed" → "kil", "assassination" and "assassinated" → "asasin").
// One pass, so no suffix may leave a word that another form reaches differently ("-er" would
// turn "murder" into "murd" but leave "murdered" as "murder").
const SUFFIXES = [
  "ations",
  "ation",
  "ions",
  "ion",
  "ated",
  "ates",
  "ate",
  "ings",
  "ing",
  "edly",
  "ed",
  "es",
  "ly",
  "s",
  "e",
];

export function stem(key: string): string {
  for (const suffix of SUFFIXES) {
    if (key.endsWith(suffix) && key.length - suffix.length >= 3) return key.slice(0, -suffix.length);
  }
  return key;
}

/**
 * Words that say the same thing in claims about events, grouped under one concept, so
 * "Stalin was behind the killing of Kirov" meets "Stalin ordered Kirov's murder". A general
 * lexicon of how claims are worded, not a list made for one claim.
 */
const SYNONYM_GROUPS: string[][] = [
  [
    "kill",
    "killing",
    "killed",
    "murder",
    "murdered",
    "assassination",
    "assassinate",
    "assassinated",
    "slaying",
    "slain",
    "slay",
    "shot",
    "shoot",
    "shooting",
    "execute",
    "executed",
    "execution",
  ],
  [
    "order",
    "ordered",
    "command",
    "commanded",
    "instruct",
    "instructed",
    "behind",
    "responsible",
    "organize",
    "organized",
    "plot",
    "plotted",
    "plotting",
    "planned",
    "arrange",
    "arranged",
    "instigate",
    "instigated",
    "complicity",
    "complicit",
  ],
  ["arrest", "arrested", "detain", "detained", "seize", "seized", "apprehend", "apprehended"],
  ["die", "died", "death", "dead"],
  ["head", "headed", "lead", "led", "chair", "chaired", "direct", "run", "ran"],
  ["purge", "purged", "repression", "repress", "repressed", "terror"],
  ["deport", "deported", "deportation", "expel", "expelled", "resettle", "resettled"],
  ["lie", "lied", "false", "falsely", "fabricate", "fabricated", "invent", "invented"],
];

const CONCEPT_OF = new Map<string, string>();
for (const group of SYNONYM_GROUPS) {
  const concept = stem(keyedWords(group[0]!)[0]!.key);
  for (const word of group) {
    const key = keyedWords(word)[0]?.key;
    if (key) CONCEPT_OF.set(stem(key), concept);
  }
}

/** The concept a keyed word stands for: its synonym group, or its own stem. */
export function conceptOf(key: string): string {
  const stemmed = stem(key);
  return CONCEPT_OF.get(stemmed) ?? stemmed;
}

const FORMS_OF = new Map<string, Set<string>>();
for (const group of SYNONYM_GROUPS) {
  for (const word of group) {
    const key = keyedWords(word)[0]?.key;
    if (!key) continue;
    const concept = CONCEPT_OF.get(stem(key))!;
    const forms = FORMS_OF.get(concept) ?? new Set<string>();
    // The listed forms (the lists hold the usual inflections) and their plurals, as whole words.
    forms.add(key);
    if (!/(?:s|ed|ing)$/.test(key)) forms.add(`${key}s`);
    FORMS_OF.set(concept, forms);
  }
}

/**
 * How to find a concept in the index: the listed words of a synonym group and their inflections as
 * whole words (a prefix search expands to every word sharing it, which costs far more), or for any
 * other word its stem as a prefix ("purg*").
 */
export function retrievalTermsOf(concept: string): { word: string; prefix: boolean }[] {
  const forms = FORMS_OF.get(concept);
  if (forms) return [...forms].map((word) => ({ word, prefix: false }));
  return [{ word: concept, prefix: concept.length >= 4 }];
}

export function isStopWord(key: string): boolean {
  // Numbers stay ("17th Party Congress", "1934"); other words under three letters carry nothing.
  return STOP_WORDS.has(key) || (key.length < 3 && !/^\d/.test(key));
}
