// The sample corpus and what the team has made of it: people, claims, evidence, votes.
// Every evidence quote must occur verbatim in the cleaned text of its source; the loader
// fails loudly when one does not, so this file cannot silently drift from the corpus.
import type { CreatePersonInput } from "@/lib/people/schemas";
import type { Mark } from "@/lib/questions/matrix";
import type { ReliabilityGrade } from "@/lib/ratings/scale";
import type { SourceMetadataInput } from "@/lib/sources/schemas";

export type SampleSource = { key: string; file: string; metadata: SourceMetadataInput };

export const SAMPLE_SOURCES: SampleSource[] = [
  {
    key: "kirov",
    file: "kirov-assassination.txt",
    metadata: {
      title: "Sergei Kirov Assasination - History",
      publisher: "History Podcasts (compilation of web articles)",
      kind: "web_page",
      language: "en",
      accessedDate: "2026-11-01",
    },
  },
  {
    key: "serov",
    file: "serov.txt",
    metadata: {
      title: "Ivan Serov",
      publisher: "TheInfoList (mirror of a Wikipedia article)",
      kind: "web_page",
      language: "en",
      accessedDate: "2026-11-01",
    },
  },
  {
    key: "spigelglas",
    file: "spigelglas.txt",
    metadata: {
      title: "Sergey Spigelglas",
      publisher: "Encyclopedia mirror (Wikipedia-derived)",
      kind: "web_page",
      language: "en",
      accessedDate: "2026-11-01",
    },
  },
];

/**
 * How the sample team rates its sources' reliability (the Admiralty code, lib/ratings/scale.ts),
 * by demo account. The reasons describe the kind of source each is, as the texts and their
 * metadata show it (a reposted compilation, copies of Wikipedia articles), and nothing more.
 */
export type SampleSourceRating = { rater: string; grade: ReliabilityGrade; reason: string };

export const SAMPLE_SOURCE_RATINGS: Record<string, SampleSourceRating[]> = {
  kirov: [
    {
      rater: "historian",
      grade: "D",
      reason:
        "An unattributed compilation of web articles and study notes, reposted under search-page boilerplate, with no author, dates or references: parts may be right, but nothing can be traced.",
    },
    {
      rater: "journalist",
      grade: "F",
      reason:
        "No author, original publication or date is named, so there is no record to judge it by. Check each statement against another source.",
    },
    {
      rater: "moderator",
      grade: "D",
      reason:
        "Texts of unknown origin gathered on one page (the title is misspelt); useful as a pointer to better sources, not as one.",
    },
  ],
  serov: [
    {
      rater: "historian",
      grade: "C",
      reason:
        "A mirror of a Wikipedia article: a collectively written tertiary summary with sources listed, generally sound on posts and dates; cite the works it draws on rather than it.",
    },
    {
      rater: "journalist",
      grade: "C",
      reason:
        "Wikipedia text copied by a third-party site: the encyclopedia's usual strengths, but the copy may lag behind corrections to the original.",
    },
    {
      rater: "moderator",
      grade: "D",
      reason:
        "A copy of a copy: the mirror names no revision of the article and pastes the opening lines of linked articles into the text, so what it says cannot be checked against the article's history.",
    },
  ],
  spigelglas: [
    {
      rater: "historian",
      grade: "C",
      reason:
        "A Wikipedia-derived encyclopedia entry: a short tertiary summary whose reading list is mostly memoirs by former Soviet intelligence officers; fair on the outline of a career.",
    },
    {
      rater: "journalist",
      grade: "D",
      reason:
        "A third-party copy of an encyclopedia article with link glosses mixed into the text and no footnotes kept: the original article, and its sources, are the better things to cite.",
    },
    {
      rater: "moderator",
      grade: "C",
      reason:
        "An encyclopedia-style summary that names its reading; fair on names, posts and dates, though a mirror rather than the article itself.",
    },
  ],
};

export const SAMPLE_PEOPLE: CreatePersonInput[] = [
  {
    slug: "joseph-stalin",
    name: "Joseph Stalin",
    aliases: [
      "Stalin",
      "Iosif Stalin",
      "Josef Stalin",
      "Joseph Vissarionovich Stalin",
      "Ioseb Jughashvili",
      "Iosif Dzhugashvili",
      "Иосиф Сталин",
      "Сталин",
    ],
    description:
      "General Secretary of the Communist Party of the Soviet Union and leader of the USSR from the mid-1920s until 1953.",
    birthDate: "1878-12-18",
    deathDate: "1953-03-05",
  },
  {
    slug: "sergei-kirov",
    name: "Sergei Kirov",
    aliases: ["Sergey Kirov", "Sergei Mironovich Kirov", "S. M. Kirov", "Kirov", "Сергей Киров", "Киров"],
    description: "Leningrad Party chief and Politburo member, assassinated at the Smolny Institute on 1 December 1934.",
    birthDate: "1886-03-27",
    deathDate: "1934-12-01",
  },
  {
    slug: "leonid-nikolaev",
    name: "Leonid Nikolaev",
    aliases: ["Leonid Nikolayev", "Nikolaev", "Nikolayev", "Леонид Николаев", "Николаев"],
    description: "Expelled Party member who shot Kirov; tried alone and executed on 29 December 1934.",
    birthDate: "1904",
    deathDate: "1934-12-29",
  },
  {
    slug: "genrikh-yagoda",
    name: "Genrikh Yagoda",
    aliases: ["Genrik Yagoda", "Genrikh Grigoryevich Yagoda", "Yagoda", "Iagoda", "Jagoda", "Генрих Ягода", "Ягода"],
    description: "People's Commissar of the NKVD from 1934 to 1936; tried and executed in 1938.",
    birthDate: "1891-11-07",
    deathDate: "1938-03-15",
  },
  {
    slug: "nikita-khrushchev",
    name: "Nikita Khrushchev",
    aliases: [
      "Nikita Khruschev",
      "Nikita Sergeyevich Khrushchev",
      "Khrushchev",
      "Khruschev",
      "Никита Хрущёв",
      "Хрущёв",
    ],
    description: "First Secretary of the Communist Party of the Soviet Union from 1953 to 1964.",
    birthDate: "1894-04-15",
    deathDate: "1971-09-11",
  },
  {
    slug: "milda-draule",
    name: "Milda Draule",
    aliases: ["Milda Praude", "Milde Praude", "Draule", "Мильда Драуле"],
    description: "Nikolaev's wife, a Party secretary in Leningrad; executed in March 1935.",
    birthDate: "1901",
    deathDate: "1935-03",
  },
  {
    slug: "sergey-spigelglas",
    name: "Sergey Spigelglas",
    aliases: ["Sergey Mikhailovich Spigelglas", "Spigelglas", "Spiegelglass", "Shpigelglas", "Sergei Shpigelglas"],
    description: "Acting head of Soviet foreign intelligence (NKVD) from February to June 1938; executed in 1941.",
    birthDate: "1897-04-29",
    deathDate: "1941-01-29",
  },
  {
    slug: "ivan-serov",
    name: "Ivan Serov",
    aliases: ["Ivan Alexandrovich Serov", "Serov", "Иван Серов", "Иван Александрович Серов"],
    description:
      "Deputy Commissar of the NKVD under Beria, first chairman of the KGB (1954–1958), head of the GRU (1958–1963).",
    birthDate: "1905-08-13",
    deathDate: "1990-07-01",
  },
  {
    slug: "lavrentiy-beria",
    name: "Lavrentiy Beria",
    aliases: ["Lavrenti Beria", "Lavrenty Beria", "Lavrentiy Pavlovich Beria", "Beria", "Лаврентий Берия"],
    description: "Head of the NKVD from 1938 to 1945; executed in December 1953.",
    birthDate: "1899-03-29",
    deathDate: "1953-12-23",
  },
  {
    slug: "nikolai-yezhov",
    name: "Nikolai Yezhov",
    aliases: ["Nikolay Yezhov", "Nikolai Ezhov", "Yezhov", "Ezhov", "Николай Ежов"],
    description: "Head of the NKVD during the height of the Great Purge (1936–1938); executed in 1940.",
    birthDate: "1895-05-01",
    deathDate: "1940-02-04",
  },
  {
    slug: "mikhail-borisov",
    name: "Mikhail Borisov",
    aliases: ["Borisov", "Commissar Borisov", "Borishov"],
    description: "Kirov's bodyguard; died the day after the assassination in a truck accident while in NKVD custody.",
    deathDate: "1934-12-02",
  },
  {
    slug: "filipp-medved",
    name: "Filipp Medved",
    aliases: ["Feodor Medved", "Medved"],
    description: "Head of the Leningrad NKVD at the time of Kirov's murder.",
    birthDate: "1889",
    deathDate: "1937",
  },
  {
    slug: "ivan-zaporozhets",
    name: "Ivan Zaporozhets",
    aliases: ["Vania Zaporozhets", "Vanya Zaporozhets", "Zaporozhets"],
    description: "Deputy head of the Leningrad NKVD in 1934.",
    birthDate: "1895",
    deathDate: "1937",
  },
  {
    slug: "alexander-orlov",
    name: "Alexander Orlov",
    aliases: ["Orlov", "Aleksandr Orlov"],
    description: "NKVD officer who defected in 1938 and wrote about Stalin's crimes.",
    birthDate: "1895",
    deathDate: "1973",
  },
  {
    slug: "grigory-zinoviev",
    name: "Grigory Zinoviev",
    aliases: ["Grigori Zinoviev", "Zinoviev", "Zinovyev"],
    birthDate: "1883",
    deathDate: "1936-08-25",
  },
  {
    slug: "lev-kamenev",
    name: "Lev Kamenev",
    aliases: ["Kamenev"],
    birthDate: "1883",
    deathDate: "1936-08-25",
  },
];

export type SampleEvidence = {
  source: string;
  quote: string;
  occurrence?: number;
  stance: "supports" | "contradicts" | "context";
  note?: string;
  pinpoint?: string;
  /** The origin the passage derives from (a key of SAMPLE_ORIGINS): passages sharing one are one line of evidence. */
  origin?: keyof typeof SAMPLE_ORIGINS;
};

/** Origins some sample passages derive from (docs/decisions/0020-lines-of-evidence.md). */
export const SAMPLE_ORIGINS = {
  orlov: {
    name: "Alexander Orlov's account",
    note: "Orlov, an NKVD officer, defected in 1938; his story of the murder, from what colleagues told him, is second-hand and not corroborated by documents.",
  },
} as const;

export type SampleClaim = {
  statement: string;
  status: "draft" | "pending_review" | "published" | "archived";
  author: string;
  people: { slug: string; role: "subject" | "mentioned" }[];
  evidence: SampleEvidence[];
  // user key -> successive values; the last is the current vote.
  votes: Record<string, number[]>;
};

export const SAMPLE_CLAIMS: SampleClaim[] = [
  {
    statement: "Stalin ordered Kirov's murder",
    status: "published",
    author: "moderator",
    people: [
      { slug: "joseph-stalin", role: "subject" },
      { slug: "sergei-kirov", role: "subject" },
      { slug: "genrikh-yagoda", role: "mentioned" },
      { slug: "leonid-nikolaev", role: "mentioned" },
    ],
    evidence: [
      {
        source: "kirov",
        quote: "According to Alexander Orlov, Stalin then ordered Yagoda to arrange the assassination.",
        stance: "supports",
        note: "Orlov's account, written after his defection; second-hand.",
        origin: "orlov",
      },
      {
        source: "kirov",
        quote: "Yagoda ordered Medved’s deputy, Vania Zaporozhets, to undertake the job.",
        stance: "supports",
        note: "The next step of the same story: the paragraph still follows Orlov.",
        origin: "orlov",
      },
      {
        source: "kirov",
        quote:
          "According to Orlov, Nikolayev’s mysterious 'friend' and alleged provocateur, who had supplied him with the revolver and money, was later shot on Stalin’s personal orders.",
        stance: "supports",
        origin: "orlov",
      },
      {
        source: "kirov",
        quote:
          "Knight is sure that the NKVD would not have acted without the consent of Stalin, which means that Stalin punished thousands of innocent people for a crime committed because of his own lust for power.",
        stance: "supports",
      },
      {
        source: "kirov",
        quote: "Conquest concluded, “There was no motive for anyone but Stalin to kill Kirov.”",
        stance: "supports",
      },
      {
        source: "kirov",
        quote:
          "By Mikhail F. Shatrov, a leading Soviet playwright, the work accused Stalin of plotting Kirov’s murder.",
        stance: "supports",
        note: "A play, not a historical finding; shows the accusation in Soviet public debate of 1988.",
      },
      {
        source: "kirov",
        quote: "Stalin could not have ordered Kirov’s assassination because the two were close friends.",
        stance: "contradicts",
        note: "Argument of conservative Party officials in the 1990–1991 press debate.",
      },
      {
        source: "kirov",
        quote: "ruled that “the terrorist act targeting S. M. Kirov was planned and carried out by Nikolayev alone.”",
        stance: "contradicts",
        note: "Plenary session of the USSR Supreme Court, December 1990.",
      },
      {
        source: "kirov",
        quote:
          "According to Knight, Stalin's complicity has been rejected by revisionist historians who concentrated on societal themes and the deeds of the ordinary citizen rather than elite politics.",
        stance: "contradicts",
      },
      {
        source: "kirov",
        quote: "It has also been rejected by Soviet and some Russian historians.",
        stance: "contradicts",
      },
      {
        source: "kirov",
        quote: "Stalin may also have been the reason for Kirov’s death, although that has never been proven.",
        stance: "context",
      },
      {
        source: "kirov",
        quote:
          'The Sergei Kirov Museum maintains that the circumstances of Kirov\'s death "remain unknown to this day."',
        stance: "context",
      },
    ],
    // The demo contributor has not voted here yet, so a new session can try the vote first.
    votes: { admin: [70], moderator: [55, 65], historian: [30], journalist: [85] },
  },
  {
    statement: "Leonid Nikolaev acted alone when he killed Kirov",
    status: "published",
    author: "contributor",
    people: [
      { slug: "leonid-nikolaev", role: "subject" },
      { slug: "sergei-kirov", role: "mentioned" },
    ],
    evidence: [
      {
        source: "kirov",
        quote:
          "In the first rounds of interrogation, Nikolayev claimed that he wanted to get revenge on Kirov for allegedly “destroying his honor and destabilizing his life.”",
        stance: "supports",
      },
      {
        source: "kirov",
        quote: "the terrorist act targeting S. M. Kirov was planned and carried out by Nikolayev alone.",
        stance: "supports",
        note: "USSR Supreme Court, December 1990.",
      },
      {
        source: "kirov",
        quote:
          "A few hours later, Nikolayev’s briefcase and loaded revolver were returned to him, and he was told to leave the building.",
        stance: "contradicts",
      },
      {
        source: "kirov",
        quote: "Yagoda ordered Medved’s deputy, Vania Zaporozhets, to undertake the job.",
        stance: "contradicts",
        origin: "orlov",
      },
      {
        source: "kirov",
        quote:
          "According to Orlov, Nikolayev had allegedly expressed to a 'friend' a desire to kill the head of the party control commission that had expelled him.",
        stance: "contradicts",
        note: "If so, the NKVD knew of his plan through the 'friend'.",
        origin: "orlov",
      },
    ],
    votes: { admin: [35], moderator: [30], contributor: [20], historian: [60] },
  },
  {
    statement: "Kirov's bodyguard Borisov was killed in a staged accident",
    status: "published",
    author: "contributor",
    people: [
      { slug: "mikhail-borisov", role: "subject" },
      { slug: "sergei-kirov", role: "mentioned" },
    ],
    evidence: [
      {
        source: "kirov",
        quote: "there was an accident in which he was killed and no one else was hurt,",
        stance: "supports",
      },
      {
        source: "kirov",
        quote:
          "Kirov's bodyguard was too far behind him to be of assistance, and was killed the next day in a mysterious truck accident",
        stance: "supports",
      },
      {
        source: "kirov",
        quote:
          "The death of Borisov, Kirov’s bodyguard (who died on his way to interrogation), was just an accident, caused by a defect in his car.",
        stance: "contradicts",
      },
      {
        source: "kirov",
        quote:
          "The hapless Commissar Borisov died the day after the assassination, supposedly by falling from a moving truck while riding with a group of NKVD agents.",
        stance: "context",
      },
    ],
    votes: { admin: [60], moderator: [70], contributor: [75] },
  },
  {
    statement: "Genrikh Yagoda helped arrange the assassination of Kirov",
    status: "published",
    author: "moderator",
    people: [
      { slug: "genrikh-yagoda", role: "subject" },
      { slug: "sergei-kirov", role: "mentioned" },
    ],
    evidence: [
      {
        source: "kirov",
        quote:
          "For instance, in February the weekly newspaper Nedelya charged that Stalin’s secret police chief Genrik Yagoda “was one of the central figures in arranging the assassination of S. M. Kirov.”",
        stance: "supports",
      },
      {
        source: "kirov",
        quote: "Yagoda ordered Medved’s deputy, Vania Zaporozhets, to undertake the job.",
        stance: "supports",
        origin: "orlov",
      },
      {
        source: "kirov",
        quote:
          "The only defendant at the trial who has not been rehabilitated is Yagoda, who became a victim of the terror system he helped create.",
        stance: "context",
      },
    ],
    votes: { moderator: [60], contributor: [65] },
  },
  {
    statement: "Stalin used Kirov's murder as a pretext to purge his rivals",
    status: "published",
    author: "admin",
    people: [
      { slug: "joseph-stalin", role: "subject" },
      { slug: "sergei-kirov", role: "mentioned" },
      { slug: "grigory-zinoviev", role: "mentioned" },
      { slug: "lev-kamenev", role: "mentioned" },
    ],
    evidence: [
      {
        source: "kirov",
        quote: "Stalin made use of the event to crack down on all forms of dissent.",
        stance: "supports",
      },
      {
        source: "kirov",
        quote:
          "Within weeks of the murder Stalin had used Kirov’s death as a pretext for arresting other high party officials, who were made to confess to conspiracies later aired in carefully contrived show trials.",
        stance: "supports",
      },
      {
        source: "kirov",
        quote:
          "Knight remarked that on the very day of the murder Stalin signed two new laws authorizing the NKVD (secret police) to arrest people suspected of planning terrorist acts, sentence them without a court or lawyers, and execute them within twenty-four hours.",
        stance: "supports",
      },
    ],
    votes: { admin: [90], moderator: [92], contributor: [88], historian: [95] },
  },
  {
    statement: "Ivan Serov headed both the KGB and the GRU",
    status: "published",
    author: "contributor",
    people: [{ slug: "ivan-serov", role: "subject" }],
    evidence: [
      {
        source: "serov",
        quote:
          "Serov headed both the political intelligence agency (KGB) and the military intelligence agency (GRU), making him unique in Soviet/Russian history.",
        stance: "supports",
      },
    ],
    votes: { admin: [95], contributor: [97] },
  },
  {
    statement: "Kirov received more votes than Stalin at the 17th Party Congress",
    status: "pending_review",
    author: "contributor",
    people: [
      { slug: "sergei-kirov", role: "subject" },
      { slug: "joseph-stalin", role: "subject" },
    ],
    evidence: [
      {
        source: "kirov",
        quote: "(there are rumors that Kirov received more support than Stalin at the 17th Party Congress)",
        stance: "supports",
      },
      {
        source: "kirov",
        quote:
          "Early in 1934 Stalin was so unpopular with party members that he was almost replaced as the party’s general secretary by Kirov, the memoirs reported.",
        stance: "context",
      },
    ],
    votes: {},
  },
  {
    statement: "Sergey Spigelglas was executed in January 1941",
    status: "published",
    author: "moderator",
    people: [{ slug: "sergey-spigelglas", role: "subject" }],
    evidence: [{ source: "spigelglas", quote: "Spigelglas was executed on January 29, 1941.", stance: "supports" }],
    votes: { moderator: [90] },
  },
];

/**
 * Questions the sample claims compete to answer, weighed in one matrix (lib/questions). Asked by
 * a moderator, so published with their claims at once; each claim named by its statement.
 */
export type SampleQuestion = {
  title: string;
  description: string;
  author: string;
  claims: string[];
  /**
   * Members' marks, as analysts give them: every passage cited with `stance` on claim `from` is
   * marked `mark` for each claim in `on` (a passage for the lone-gunman account argues against
   * both accounts of a plot).
   */
  marks: { member: string; from: string; stance: "supports" | "contradicts"; on: string[]; mark: Mark }[];
};

export const SAMPLE_QUESTIONS: SampleQuestion[] = [
  {
    title: "Who was behind Kirov's murder?",
    description:
      "Three answers compete: Stalin ordered it; Nikolaev acted alone; the NKVD under Yagoda arranged it. Each is weighed against the evidence cited on any of them.",
    author: "moderator",
    claims: [
      "Stalin ordered Kirov's murder",
      "Leonid Nikolaev acted alone when he killed Kirov",
      "Genrikh Yagoda helped arrange the assassination of Kirov",
    ],
    marks: ["historian", "journalist"].map((member) => ({
      member,
      from: "Leonid Nikolaev acted alone when he killed Kirov",
      stance: "supports" as const,
      on: ["Stalin ordered Kirov's murder", "Genrikh Yagoda helped arrange the assassination of Kirov"],
      mark: "inconsistent" as const,
    })),
  },
];
