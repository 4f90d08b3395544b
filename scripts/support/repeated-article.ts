// The import benchmarks' text: real prose with names (the sample Kirov article), repeated to a size.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SAMPLE_CORPUS_DIR } from "@/prisma/sample/data-paths";

/** The largest text the benchmarks import: just under the 5 MB a source may have. */
export const LARGEST_BENCH_TEXT = 5 * 1048576 - 4096;

/** The sample article repeated ("Copy 1." before each copy) to at most `bytes` of UTF-8. */
export function repeatedArticle(bytes: number): string {
  const article = readFileSync(join(SAMPLE_CORPUS_DIR, "kirov-assassination.txt"), "utf8");
  const parts: string[] = [];
  let size = 0;
  for (let copy = 0; ; copy++) {
    const part = `Copy ${copy}.\n\n${article}\n\n`;
    const partBytes = Buffer.byteLength(part);
    if (size + partBytes > bytes) break;
    parts.push(part);
    size += partBytes;
  }
  return parts.join("");
}
