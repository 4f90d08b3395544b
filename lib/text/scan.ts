// Building blocks for scanners that read user text in one pass (issue 16: every parser of user
// text runs in linear time). A regular expression that searches ahead from each of many start
// positions ("[" then anything up to "]") reads the same text again for every start: on a run of
// starts with no end it is quadratic. These read each stretch of text once.

/** What the regular expression \s matches, as a test on a character code. */
export function isWhiteSpace(code: number): boolean {
  return (
    (code >= 0x09 && code <= 0x0d) ||
    code === 0x20 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

export type Found = { start: number; end: number };

/**
 * The first match of `pattern` starting at or after a position, for positions asked in increasing
 * order: while the asked position has not passed the last answer, that answer still holds
 * (nothing matched between), so the text is searched only beyond it. A pattern that looks
 * behind its start is fine; one whose match depends on where the search began is not.
 */
export function forwardFinder(text: string, pattern: RegExp): (from: number) => Found | undefined {
  const search = new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`);
  let searchedFrom = Number.POSITIVE_INFINITY;
  let found: Found | undefined;
  return (from) => {
    if (from >= searchedFrom && (found === undefined || from <= found.start)) return found;
    search.lastIndex = from;
    const match = search.exec(text);
    searchedFrom = from;
    found = match ? { start: match.index, end: match.index + match[0].length } : undefined;
    return found;
  };
}
