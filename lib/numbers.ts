import { z } from "zod";

/** A whole number in a range, from a query string or JSON, with messages that name the limits. */
export function wholeNumberBetween(min: number, max: number) {
  return z.coerce
    .number({ message: "must be a number" })
    .int("must be a whole number")
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);
}

/**
 * A number typed into a form arrives as text: "65" becomes 65. Anything else (a number from
 * JSON, an empty or non-numeric text, a boolean) is left as it is for the schema to accept or
 * refuse with its own message; z.coerce would turn "" into 0 and true into 1.
 */
export function numberFromText(value: unknown): unknown {
  return typeof value === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
}

/** An empty form field means "not given". */
export function blankAsUndefined(value: unknown): unknown {
  return typeof value === "string" && value.trim() === "" ? undefined : value;
}
