import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export { SAMPLE_SOURCES } from "./data";
export const SAMPLE_CORPUS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "corpus");
