/**
 * Waits for every value of an object at once and gives the object of their results, under the same
 * names: `Promise.all` for reads that a page starts together, without a list of names kept in step
 * with a list of promises.
 */
export async function allOf<Reads extends Record<string, unknown>>(
  reads: Reads,
): Promise<{
  [Name in keyof Reads]: Awaited<Reads[Name]>;
}> {
  const names = Object.keys(reads) as (keyof Reads)[];
  const results = await Promise.all(names.map((name) => reads[name]));
  return Object.fromEntries(names.map((name, index) => [name, results[index]])) as {
    [Name in keyof Reads]: Awaited<Reads[Name]>;
  };
}
