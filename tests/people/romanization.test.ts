// Names in the romanizations a historian meets: English, scholarly (ISO 9, ALA-LC, Czech-style),
// German, French, Polish and Cyrillic. The first table is the people of the sample corpus; the
// second, people who are not in it, so the rules are checked on names they were not written for.
import { describe, expect, it } from "vitest";
import { nameKey, nameKeyReadings } from "@/lib/people/names";
import { searchText } from "@/lib/search/text";

const SAMPLE_PEOPLE: [string, string[]][] = [
  [
    "Khrushchev",
    ["Khrushchov", "Khrushchyov", "Chruščëv", "Chruschtschow", "Khrouchtchev", "Chruszczow", "Хрущёв", "Хрущев"],
  ],
  ["Yezhov", ["Ezhov", "Ežov", "Jeschow", "Iejov", "Jeżow", "Ежов"]],
  ["Nikolaev", ["Nikolayev", "Nikolajew", "Nikolaïev", "Николаев"]],
  ["Zinoviev", ["Zinovyev", "Zinov'ev", "Sinowjew", "Зиновьев"]],
  ["Genrikh Yagoda", ["Genrich Jagoda", "Genrikh Iagoda", "Генрих Ягода"]],
  ["Sergei Kirov", ["Sergej Kirow", "Siergiej Kirow", "Сергей Киров"]],
  ["Dzhugashvili", ["Dschugaschwili", "Džugašvili", "Djougachvili", "Джугашвили"]],
  ["Lavrentiy Beria", ["Ławrientij Beria", "Lavrenti Berija", "Лаврентий Берия"]],
  ["Kamenev", ["Kamieniew", "Kamenew", "Каменев"]],
  ["Serov", ["Serow", "Серов"]],
  ["Spigelglas", ["Schpigelglas", "Špigel'glas", "Shpigelglas", "Шпигельглас"]],
  ["Zaporozhets", ["Saporoschez", "Zaporožec", "Запорожец"]],
  ["Medved", ["Miedwied", "Медведь"]],
  ["Borisov", ["Borissow", "Борисов"]],
  ["Orlov", ["Orłow", "Орлов"]],
];

const OTHER_PEOPLE: [string, string[]][] = [
  ["Tukhachevsky", ["Tuchatschewski", "Toukhatchevski", "Tuchaczewski", "Tuchačevskij"]],
  ["Chicherin", ["Tschitscherin", "Tchitcherine", "Cziczerin", "Čičerin"]],
  ["Gorbachev", ["Gorbatschow", "Gorbaczow", "Gorbatchev", "Gorbachov", "Горбачёв"]],
  ["Brezhnev", ["Breschnew", "Brejnev", "Breżniew", "Brežnev"]],
  ["Pushkin", ["Puschkin", "Pouchkine", "Puszkin", "Puškin"]],
  ["Tchaikovsky", ["Tschaikowski", "Tchaïkovski", "Czajkowski", "Čajkovskij", "Chaikovsky"]],
  ["Yeltsin", ["Jelzin", "Eltsine", "Jelcyn", "El'cin"]],
  ["Dzerzhinsky", ["Dzierżyński", "Dserschinski", "Dzeržinskij", "Dzerjinsky"]],
  ["Zhukov", ["Schukow", "Joukov", "Żukow", "Žukov"]],
  ["Solzhenitsyn", ["Solschenizyn", "Soljenitsyne", "Sołżenicyn", "Solženicyn"]],
];

describe("names in every romanization", () => {
  it.each([...SAMPLE_PEOPLE, ...OTHER_PEOPLE])("%s is found under each of its spellings", (english, spellings) => {
    const key = nameKey(english);
    for (const spelling of spellings) expect(nameKeyReadings(spelling), spelling).toContain(key);
  });

  it("keeps different names apart", () => {
    const keys = [...SAMPLE_PEOPLE, ...OTHER_PEOPLE].map(([english]) => nameKey(english));
    expect(new Set(keys).size).toBe(keys.length);
    expect(nameKey("Kirov")).not.toBe(nameKey("Kamenev"));
    expect(nameKey("Ivanov")).not.toBe(nameKey("Ivanova"));
    // The foreign readings of an English name do not turn it into another person's name.
    for (const [english] of SAMPLE_PEOPLE) {
      const others = SAMPLE_PEOPLE.filter(([other]) => other !== english).map(([other]) => nameKey(other));
      for (const reading of nameKeyReadings(english))
        expect(others, `${english} read as ${reading}`).not.toContain(reading);
    }
  });

  it("keeps common English words apart (the index keys every word of every text)", () => {
    const pairs = [
      ["ship", "sip"],
      ["shot", "sot"],
      ["chat", "hat"],
      ["four", "fur"],
      ["shell", "sell"],
      ["chin", "kin"],
      ["chose", "hose"],
    ];
    for (const [a, b] of pairs) expect(searchText(a!), `${a} / ${b}`).not.toBe(searchText(b!));
  });

  it("indexes scholarly spellings so that a search in English finds them", () => {
    expect(searchText("Chruščëv")).toBe(searchText("Khrushchev"));
    expect(searchText("Ežov")).toBe(searchText("Yezhov"));
  });
});
