// Long computations written as steps (a generator that yields between steps), so that an import
// can run them while it waits for the database to store a batch (lib/bulk-insert.ts BulkWriter)
// instead of after. Run on their own, they simply run to the end.

/** Work that yields now and then, and returns its result at the end. */
export type Steps<T> = Generator<void, T, void>;

/** Runs steps to the end and returns their result. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
