import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";

/** Awaits a lib query, turning its NOT_FOUND into the 404 page. */
export async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isAppError(error) && (error.code === "NOT_FOUND" || error.code === "INVALID")) notFound();
    throw error;
  }
}

/** First value of a search parameter, ignoring repeats. */
export function firstParam(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first === "" ? undefined : first;
}
