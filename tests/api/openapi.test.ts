// The API description (lib/api/openapi.ts) against the routes that exist: every app/api route.ts and
// each HTTP method it exports is described, and nothing is described that does not exist. The
// generated document is checked for structure, and the reference page for working under the CSP.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { GET as docsAssetRoute } from "@/app/api/docs/[file]/route";
import { GET as docsRoute } from "@/app/api/docs/route";
import { GET as openApiRoute } from "@/app/api/openapi.json/route";
import { apiDocsPage } from "@/lib/api/docs";
import { API_ROUTES, buildOpenApiDocument, UNDESCRIBED_ROUTES } from "@/lib/api/openapi";
import { publicUrl } from "@/lib/env";
import { contentSecurityPolicy } from "@/lib/security/headers";
import { resetDatabase } from "../helpers";

const API_DIR = join(process.cwd(), "app", "api");
// biome-ignore lint/suspicious/noExplicitAny: the generated document as JSON, which the assertions check
type Json = Record<string, any>;
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return routeFiles(path);
    return name === "route.ts" || name === "route.js" ? [path] : [];
  });
}

/** app/api/claims/[claimId]/route.ts → /api/claims/{claimId}; route groups "(x)" drop out. */
function apiPathOf(file: string): string {
  const segments = relative(join(process.cwd(), "app"), file).split(sep).slice(0, -1);
  return `/${segments
    .filter((segment) => !/^\(.*\)$/.test(segment))
    .map((segment) =>
      segment.replace(/^\[(\.\.\.)?(.+)\]$/, (_, rest: string | undefined, name: string) => `{${rest ?? ""}${name}}`),
    )
    .join("/")}`;
}

/** The HTTP methods a route module exports: `export function GET`, `export const POST =`, `export { x as PUT }`. */
function exportedMethods(source: string): string[] {
  const methods = new Set<string>();
  for (const match of source.matchAll(/export\s+(?:async\s+)?(?:function|const|let)\s+([A-Z]+)\b/g))
    methods.add(match[1]!);
  for (const match of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of match[1]!.split(",")) {
      const name = part
        .trim()
        .split(/\s+as\s+/)
        .pop();
      if (name) methods.add(name);
    }
  }
  return [...methods].filter((name) => (HTTP_METHODS as readonly string[]).includes(name));
}

const ROUTES = routeFiles(API_DIR).map((file) => ({
  file: relative(process.cwd(), file),
  path: apiPathOf(file),
  methods: exportedMethods(readFileSync(file, "utf8")),
}));

describe("every route is described, and every description is a route", () => {
  const undescribed = new Set(UNDESCRIBED_ROUTES.map((route) => route.path));
  const described = new Set(API_ROUTES.map((route) => `${route.method.toUpperCase()} ${route.path}`));

  it("finds the route files", () => {
    expect(ROUTES.length).toBeGreaterThan(20);
    expect(ROUTES.find((route) => route.path === "/api/claims/{claimId}")?.methods).toEqual(["GET"]);
    expect(ROUTES.find((route) => route.path === "/api/{...path}")?.methods.sort()).toEqual([
      "DELETE",
      "GET",
      "PATCH",
      "POST",
      "PUT",
    ]);
  });

  it.each(ROUTES.filter((route) => !undescribed.has(route.path)))(
    "$file has a description for each method",
    (route) => {
      expect(route.methods.length, `${route.file} exports no HTTP method`).toBeGreaterThan(0);
      for (const method of route.methods) {
        expect(
          described.has(`${method} ${route.path}`),
          `${method} ${route.path} (${route.file}) is not in API_ROUTES`,
        ).toBe(true);
      }
    },
  );

  it("each description names a route file that exports its method", () => {
    for (const route of API_ROUTES) {
      const file = ROUTES.find((candidate) => candidate.path === route.path);
      expect(file, `${route.path} has no route.ts`).toBeDefined();
      expect(file!.methods, `${route.path} does not export ${route.method.toUpperCase()}`).toContain(
        route.method.toUpperCase(),
      );
    }
  });

  it("each route left out of the description exists and says why", () => {
    for (const route of UNDESCRIBED_ROUTES) {
      expect(ROUTES.map((candidate) => candidate.path)).toContain(route.path);
      expect(route.reason.length).toBeGreaterThan(10);
    }
  });

  it("no method and path is described twice, and every described route has a summary and a success answer", () => {
    expect(described.size).toBe(API_ROUTES.length);
    for (const route of API_ROUTES) {
      expect(route.summary.trim().length, `${route.path}`).toBeGreaterThan(5);
      expect(route.success.length).toBeGreaterThan(0);
      for (const success of route.success) expect(success.description.trim().length).toBeGreaterThan(3);
    }
  });

  it("path parameters are exactly the {names} in the path", () => {
    for (const route of API_ROUTES) {
      const inPath = [...route.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]).sort();
      const inSchema = Object.keys(route.params?.shape ?? {}).sort();
      expect(inSchema, `${route.method} ${route.path}`).toEqual(inPath);
    }
  });
});

describe("the OpenAPI document", () => {
  // Its title is the publisher's name, a setting another test file in this worker may have left behind.
  beforeEach(resetDatabase);

  const document = buildOpenApiDocument({ serverUrl: publicUrl(), title: "Fact-check" }) as Json;

  /** Follows a local $ref ("#/components/schemas/Error"). */
  function resolve(ref: string): unknown {
    return ref
      .replace(/^#\//, "")
      .split("/")
      .reduce<Json | undefined>((node, key) => node?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], document);
  }

  it("is OpenAPI 3.1 with info, a server and the paths of the route table", () => {
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    expect(document.info).toMatchObject({ title: "Fact-check API", version: expect.any(String) });
    expect(document.servers).toEqual([{ url: publicUrl() }]);
    expect(Object.keys(document.paths).sort()).toEqual([...new Set(API_ROUTES.map((route) => route.path))].sort());
  });

  it("every operation has an id, a summary and responses, a 2xx among them, each described", () => {
    const ids = new Set<string>();
    for (const [path, item] of Object.entries<Json>(document.paths)) {
      expect(path.startsWith("/api")).toBe(true);
      for (const [method, operation] of Object.entries<Json>(item)) {
        expect(["get", "post", "put", "patch", "delete"]).toContain(method);
        expect(operation.operationId).toMatch(/^[a-z]+[A-Za-z0-9]+$/);
        expect(ids.has(operation.operationId)).toBe(false);
        ids.add(operation.operationId);
        expect(operation.summary).toBeTruthy();
        const statuses = Object.keys(operation.responses);
        expect(
          statuses.some((status) => /^2\d\d$/.test(status)),
          `${method} ${path}`,
        ).toBe(true);
        for (const [status, response] of Object.entries<Json>(operation.responses)) {
          expect(status).toMatch(/^[1-5]\d\d$/);
          expect(response.description).toBeTruthy();
          if (/^[45]/.test(status)) {
            expect(response.content["application/json"].schema.$ref).toBe("#/components/schemas/Error");
          }
        }
        for (const parameter of operation.parameters ?? []) {
          expect(["path", "query"]).toContain(parameter.in);
          if (parameter.in === "path") {
            expect(parameter.required).toBe(true);
            expect(path).toContain(`{${parameter.name}}`);
          }
          expect(parameter.schema).toBeDefined();
        }
      }
    }
  });

  it("parameters and bodies come from the schemas the API validates with", () => {
    const listClaims = document.paths["/api/claims"].get;
    const sort = listClaims.parameters.find((parameter: Json) => parameter.name === "sort");
    expect(sort.schema.enum).toEqual(["recent", "contested", "least_evidence", "confidence_desc", "confidence_asc"]);
    const pageSize = listClaims.parameters.find((parameter: Json) => parameter.name === "pageSize");
    expect(pageSize.schema).toMatchObject({ type: "integer", minimum: 1, maximum: 100 });
    const vote = document.paths["/api/claims/{claimId}/vote"].put.requestBody.content["application/json"].schema;
    expect(vote.properties.value).toMatchObject({ type: "integer", minimum: 0, maximum: 100 });
    expect(vote.required).toEqual(["value"]);
    expect(vote.properties).not.toHaveProperty("claimId");
    const format = document.paths["/api/sources/{sourceId}/citation"].get.parameters.find(
      (parameter: Json) => parameter.name === "format",
    );
    expect(format.schema.enum).toEqual(["csl", "bibtex", "ris"]);
  });

  it("every $ref points at something in the document", () => {
    const refs = JSON.stringify(document).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(resolve(ref.slice(8, -1)), ref).toBeDefined();
  });

  it("GET /api/openapi.json serves it", async () => {
    const response = await openApiRoute(new Request("http://localhost/api/openapi.json"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(document)));
  });
});

describe("the reference page at /api/docs", () => {
  it("loads Swagger UI from this app, each script with the request's nonce", async () => {
    const nonce = "bm9uY2Utb2YtdGhpcy1yZXF1ZXN0";
    const response = await docsRoute(new Request("http://localhost/api/docs", { headers: { "x-nonce": nonce } }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await response.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts).toHaveLength(2);
    for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
    // Nothing from another origin: no CDN, no validator badge.
    expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
    expect(html).toContain('"validatorUrl":null');
    expect(html).toContain('"url":"/api/openapi.json"');
    expect(html).toContain('<script nonce="bm9uY2Utb2YtdGhpcy1yZXF1ZXN0" src="/api/docs/swagger-ui-bundle.js">');
    expect(html).toContain('<link rel="stylesheet" href="/api/docs/swagger-ui.css">');
    // What the CSP of proxy.ts allows: scripts with the nonce, style sheets and fetches from the site.
    const csp = contentSecurityPolicy({ nonce, https: false, dev: false });
    expect(csp).toContain(`'nonce-${nonce}'`);
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("connect-src 'self'");
  });

  it("puts no nonce it did not get from proxy.ts, and none that is not one", () => {
    expect(apiDocsPage({ nonce: null, title: "X" })).not.toContain("nonce=");
    expect(apiDocsPage({ nonce: '"><script>alert(1)</script>', title: "X" })).not.toContain("nonce=");
    expect(apiDocsPage({ nonce: null, title: "<Fact & check>" })).toContain(
      "<title>&#60;Fact &#38; check&#62; API reference</title>",
    );
  });

  it.each([
    ["swagger-ui-bundle.js", "text/javascript; charset=utf-8", "SwaggerUIBundle"],
    ["swagger-ui.css", "text/css; charset=utf-8", ".swagger-ui"],
  ])("serves %s from swagger-ui-dist", async (file, type, contains) => {
    const response = await docsAssetRoute(new Request(`http://localhost/api/docs/${file}`), {
      params: Promise.resolve({ file }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(type);
    expect(response.headers.get("cache-control")).toMatch(/^public/);
    const body = await response.text();
    expect(body).toContain(contains);
    expect(body).toBe(readFileSync(join(process.cwd(), "node_modules", "swagger-ui-dist", file), "utf8"));
  });

  it.each(["package.json", "..%2F..%2Fpackage.json", "../../../etc/passwd", "index.html"])(
    "refuses any other file (%s) with a 400 naming file",
    async (file) => {
      const response = await docsAssetRoute(new Request(`http://localhost/api/docs/${encodeURIComponent(file)}`), {
        params: Promise.resolve({ file }),
      });
      expect(response.status).toBe(400);
      expect((await response.json()).error).toMatchObject({ code: "INVALID", field: "file" });
    },
  );
});
