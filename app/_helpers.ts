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

/** The address of one page of a filtered list, keeping the filters that are set. */
export function pageHref(path: string, filters: Record<string, string | undefined>, page: number): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, page: String(page) })) if (value) query.set(key, value);
  return `${path}?${query.toString()}`;
}

/** First value of a search parameter, ignoring repeats. */
export function firstParam(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first === "" ? undefined : first;
}

/**
 * A claim's page, or its "Add evidence" page with the search that was on it, carrying a notice about
 * one piece of evidence (lib/evidence/notices.ts) for the page to confirm and offer to undo.
 */
export function evidenceNoticeHref(
  at: { claimSlug: string; page: "claim" | "add"; q?: string },
  notice: { kind: string; evidenceId: string },
  /** Where on the page to land (the section whose button was pressed), without the "#". */
  anchor?: string,
): string {
  const query = new URLSearchParams();
  if (at.page === "add" && at.q) query.set("q", at.q.slice(0, 200));
  query.set("notice", `${notice.kind}:${notice.evidenceId}`);
  const claim = `/claims/${encodeURIComponent(at.claimSlug)}`;
  return `${at.page === "add" ? `${claim}/evidence/new` : claim}?${query.toString()}${anchor ? `#${anchor}` : ""}`;
}
