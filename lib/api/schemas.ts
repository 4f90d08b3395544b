import { z } from "zod";

/** Every error the API answers with (lib/api/respond.ts errorResponse). */
export const ApiErrorSchema = z
  .object({
    error: z.object({
      code: z.enum([
        "INVALID",
        "UNAUTHENTICATED",
        "FORBIDDEN",
        "NOT_FOUND",
        "CONFLICT",
        "TOO_LARGE",
        "RATE_LIMITED",
        "UNSUPPORTED_MEDIA_TYPE",
        "INTERNAL",
      ]),
      message: z.string().meta({ description: "A sentence for a person; starts with the field it concerns" }),
      field: z.string().optional().meta({ description: "The parameter or body field at fault, when there is one" }),
    }),
  })
  .meta({ id: "Error" });

/** The files of swagger-ui-dist the API reference (/api/docs) loads, and their media types. */
export const DOCS_ASSETS = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "favicon-32x32.png": "image/png",
} as const;
export type DocsAssetName = keyof typeof DOCS_ASSETS;

const ASSET_NAMES = Object.keys(DOCS_ASSETS) as [DocsAssetName, ...DocsAssetName[]];

export const DocsAssetSchema = z.object({
  file: z.enum(ASSET_NAMES, { error: `must be one of ${ASSET_NAMES.join(", ")}` }),
});
export type DocsAssetInput = z.input<typeof DocsAssetSchema>;

/** GET /api/claimreview.jsonl takes no parameters. */
export const NoParamsSchema = z.object({});
