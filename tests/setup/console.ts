import { afterEach, beforeEach, vi } from "vitest";

// An unexpected console.error is a bug the test did not look for: fail the test.
let errors: unknown[][] = [];
beforeEach(() => {
  errors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  if (errors.length > 0) {
    const first = errors[0]!.map((value) => (value instanceof Error ? value.stack : String(value))).join(" ");
    throw new Error(`console.error was called ${errors.length} time(s): ${first}`);
  }
});
