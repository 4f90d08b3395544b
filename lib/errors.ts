import type { z } from "zod";

export type AppErrorCode =
  | "INVALID"
  | "NOT_FOUND"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "CONFLICT"
  | "TOO_LARGE"
  | "RATE_LIMITED"
  | "UNSUPPORTED_MEDIA_TYPE";

const HTTP_STATUS: Record<AppErrorCode, number> = {
  INVALID: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_LARGE: 413,
  RATE_LIMITED: 429,
  UNSUPPORTED_MEDIA_TYPE: 415,
};

/** An expected failure with a message fit to show the user and, when it concerns one input, the field. */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly field?: string;

  constructor(code: AppErrorCode, message: string, options: { field?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.field = options.field;
  }

  get status(): number {
    return HTTP_STATUS[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Turns the first zod issue into an AppError naming its field. */
export function invalidFromZod(
  error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> },
  prefix?: string,
): AppError {
  const issue = error.issues[0];
  const path = issue ? issue.path.map(String).join(".") : "";
  const field = [prefix, path].filter(Boolean).join(".") || undefined;
  const message = issue ? `${field ?? "input"}: ${issue.message}` : "invalid input";
  return new AppError("INVALID", message, { field });
}

/**
 * Parses what a caller outside lib handed in (a form, a request body or query, a script's
 * arguments) with its domain's schema: the parsed data, or an INVALID AppError naming the
 * first field that is wrong. Every lib entry point takes `input: unknown` and starts here.
 */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw invalidFromZod(parsed.error);
  return parsed.data;
}

/** Prisma's unique-constraint violation (two writers racing for the same unique value). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}
