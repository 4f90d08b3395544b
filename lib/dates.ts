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

export const PartialDateSchema = z
  .string()
  .trim()
  .refine(isValidPartialDate, "must be a date as YYYY, YYYY-MM or YYYY-MM-DD");

const MONTHS = [
  "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
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
