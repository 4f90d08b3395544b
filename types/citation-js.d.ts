// citation-js ships no types. Only what lib/citations uses is declared; CSL-JSON items are typed
// in lib/citations/csl.ts.
declare module "@citation-js/core" {
  export class Cite {
    constructor(data?: unknown, options?: { forceType?: string });
    data: Record<string, unknown>[];
    format(format: string, options?: Record<string, unknown>): string;
  }
  export const plugins: {
    config: { get(name: string): Record<string, Record<string, unknown>> };
    output: { has(name: string): boolean };
    input: { has(name: string): boolean };
  };
}
declare module "@citation-js/plugin-bibtex";
declare module "@citation-js/plugin-ris";
declare module "@citation-js/plugin-csl";

// swagger-ui-dist's helper that returns the directory of its bundled files.
declare module "swagger-ui-dist/absolute-path.js" {
  const getAbsoluteFSPath: () => string;
  export default getAbsoluteFSPath;
}
