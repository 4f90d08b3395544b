import { z } from "zod";

// Historical sources are often dated only to the year or month.
const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export function isValidPartialDate(value: string): boolean {
  const match = PARTIAL_DATE.exec(value);
  if (!match) return false;
  const month = match[2] === undefined ? undefined : Number(match[2]);
  const day = match[3] === undefined ? undefined : Number(match[3]);
  if (month !== undefined && (month < 1 || month > 12)) return false;
  if (day !== undefined) {
    const date = new Date(Date.UTC(Number(match[1]), month! - 1, day));
    if (date.getUTCMonth() !== month! - 1 || date.getUTCDate() !== day) return false;
  }
  return true;
}

/**
 * A date as a member types it: the partial ISO forms (1934, 1934-12, 1934-12-01), or the whole field
 * written out ("1 Dec 1934", "December 1, 1934", "Dec. 1934", any case), stored as partial ISO.
 */
export const PartialDateSchema = z.preprocess(
  (value) => (typeof value === "string" ? (writtenDateAsPartial(value) ?? value.trim()) : value),
  z
    .string({ error: "must be text" })
    .refine(
      isValidPartialDate,
      "must be a date such as 1934, 1934-12, 1934-12-01 or 1 December 1934 (a year, a month, or a day that exists)",
    ),
);

const MAX_DATE_TEXT = 40;

/** A whole field that is one written-out date ("1 dec 1934", "December 1, 1934") → partial ISO, else undefined. */
export function writtenDateAsPartial(value: string): string | undefined {
  // "29 September 1934" is 17 characters; anything much longer is not one date.
  if (value.length > MAX_DATE_TEXT) return undefined;
  const trimmed = value.trim().replace(/\s+/g, " ");
  if (isValidPartialDate(trimmed)) return trimmed;
  // WRITTEN_DATE expects a capital month name, as prose has it; a form may not.
  const capitalised = trimmed
    .toLowerCase()
    .replace(/\b([a-z]{3,9})\./g, "$1") // "Dec. 1934"
    .replace(/[a-z]{3,9}/g, (word) => word[0]!.toUpperCase() + word.slice(1));
  const match = new RegExp(`^(?:${WRITTEN_DATE.source})$`).exec(capitalised);
  return match ? writtenDateToPartial(match) : undefined;
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "1988" -> "1988", "1988-05" -> "May 1988", "2000-02-24" -> "24 February 2000". */
export function formatPartialDate(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const match = PARTIAL_DATE.exec(value);
  if (!match) return value;
  const [, year, month, day] = match;
  if (!month) return year;
  const monthName = MONTHS[Number(month) - 1];
  return day ? `${Number(day)} ${monthName} ${year}` : `${monthName} ${year}`;
}

const MONTH_NUMBER = new Map(
  MONTHS.flatMap((name, index) => [
    [name.toLowerCase(), index + 1] as const,
    [name.slice(0, 3).toLowerCase(), index + 1] as const,
  ]),
);

/** A date as written in prose, anywhere in the text: "13 August 1905", "August 1, 1946", "July 1898", "1899". */
export const WRITTEN_DATE =
  /\b(?:(\d{1,2}) ([A-Z][a-z]{2,8})\.? (\d{4})|([A-Z][a-z]{2,8})\.? (\d{1,2}), (\d{4})|([A-Z][a-z]{2,8}) (\d{4})|(\d{4}))\b/g;

/** Converts one WRITTEN_DATE match into a partial ISO date, or undefined if it is not a real date. */
export function writtenDateToPartial(match: RegExpMatchArray): string | undefined {
  const pad = (value: number) => String(value).padStart(2, "0");
  const [, day1, month1, year1, month2, day2, year2, month3, year3, year4] = match;
  let result: string | undefined;
  if (year1) {
    const month = MONTH_NUMBER.get(month1!.toLowerCase());
    result = month ? `${year1}-${pad(month)}-${pad(Number(day1))}` : undefined;
  } else if (year2) {
    const month = MONTH_NUMBER.get(month2!.toLowerCase());
    result = month ? `${year2}-${pad(month)}-${pad(Number(day2))}` : undefined;
  } else if (year3) {
    const month = MONTH_NUMBER.get(month3!.toLowerCase());
    result = month ? `${year3}-${pad(month)}` : undefined;
  } else {
    result = year4;
  }
  return result && isValidPartialDate(result) ? result : undefined;
}
