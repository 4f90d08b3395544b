import { z } from "zod";

/** A whole number in a range, from a query string or JSON, with messages that name the limits. */
export function wholeNumberBetween(min: number, max: number) {
  return z.coerce
    .number({ message: "must be a number" })
    .int("must be a whole number")
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);
}
