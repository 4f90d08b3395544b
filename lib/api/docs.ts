import "server-only";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import getAbsoluteFSPath from "swagger-ui-dist/absolute-path.js";
import { parseInput } from "@/lib/errors";
import type { BodyResult } from "./respond";
import { DOCS_ASSETS, DocsAssetSchema } from "./schemas";

// The API reference page (GET /api/docs): Swagger UI from the swagger-ui-dist package, served by this
// app (GET /api/docs/{file}), never from a CDN, reading the description GET /api/openapi.json makes.

const NONCE = /^[A-Za-z0-9+/=]{8,128}$/;

/**
 * The page. The site's Content-Security-Policy (proxy.ts) runs a script only with the request's
 * nonce, an external one too ('strict-dynamic' ignores 'self'), so both script elements carry it;
 * proxy.ts hands it to the handler in the x-nonce request header. The stylesheet is same-origin,
 * which style-src allows. Swagger UI's "validator badge" would call validator.swagger.io: it is off,
 * and the spec URL is fixed here (no ?url= or config URL is read from the address bar).
 */
export function apiDocsPage(options: { nonce: string | null; title: string }): string {
  const nonce = options.nonce && NONCE.test(options.nonce) ? ` nonce="${options.nonce}"` : "";
  const title = options.title.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);
  const config = JSON.stringify({
    url: "/api/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null,
    queryConfigEnabled: false,
    layout: "BaseLayout",
  }).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} API reference</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
<link rel="icon" type="image/png" href="/api/docs/favicon-32x32.png">
</head>
<body>
<noscript><p>The API reference needs JavaScript. The description itself is at <a href="/api/openapi.json">/api/openapi.json</a>.</p></noscript>
<div id="swagger-ui"></div>
<script${nonce} src="/api/docs/swagger-ui-bundle.js"></script>
<script${nonce}>window.ui = SwaggerUIBundle(Object.assign(${config}, { presets: [SwaggerUIBundle.presets.apis] }));</script>
</body>
</html>
`;
}

/** One of Swagger UI's files, streamed from the installed package (only the few the page loads). */
export async function getDocsAsset(input: unknown): Promise<BodyResult> {
  const { file } = parseInput(DocsAssetSchema, input);
  const path = join(getAbsoluteFSPath(), file);
  await stat(path);
  return {
    body: Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>,
    contentType: DOCS_ASSETS[file],
    // The package's files change only with its version, i.e. with a new build of the app.
    cacheControl: "public, max-age=86400",
  };
}
