// No "server-only" here: prisma.config.ts loads this module through the Prisma CLI, which cannot
// resolve that package's server condition. Nothing leaks through it in a browser bundle anyway:
// there process.env holds only NEXT_PUBLIC_ variables, so the secrets below would be undefined.
import { resolve } from "node:path";
import { z } from "zod";

// The only reader of process.env. Parsed once; a bad setting fails fast with its name.
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value === "" ? undefined : value))
    .refine(
      (value) => value === undefined || /^(postgres(ql)?:\/\/|file:)/.test(value),
      "DATABASE_URL must start with postgres://, postgresql:// or file:",
    ),
  // Overrides the PostgreSQL schema (search_path); tests use one schema per worker.
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, "DATABASE_SCHEMA must be a lower-case SQL identifier")
    .optional(),
  // Connections each app process keeps to PostgreSQL. A claim page reads about twenty things at
  // once after the claim; fewer connections make the rest wait for a second round trip.
  DATABASE_POOL_SIZE: z.coerce
    .number({ error: "DATABASE_POOL_SIZE must be a whole number from 1 to 200" })
    .int("DATABASE_POOL_SIZE must be a whole number from 1 to 200")
    .min(1, "DATABASE_POOL_SIZE must be a whole number from 1 to 200")
    .max(200, "DATABASE_POOL_SIZE must be a whole number from 1 to 200")
    .default(24),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // "sample" loads the demo corpus and demo accounts when the database is empty. Unset, it is
  // "sample" on the embedded SQLite database and "production" on PostgreSQL (see parseEnv).
  APP_MODE: z.enum(["sample", "production"]).optional(),
  DATA_DIR: z.string().default("data"),
  // next-auth: AUTH_SECRET (or NEXTAUTH_SECRET) signs sessions; required in production mode.
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters").optional(),
  NEXTAUTH_URL: z.string().url("NEXTAUTH_URL must be a URL").optional(),
  // Optional sign-in providers, each switched on by its variables alone.
  GITHUB_ID: z.string().min(1).optional(),
  GITHUB_SECRET: z.string().min(1).optional(),
  OIDC_ISSUER: z.string().url("OIDC_ISSUER must be a URL").optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_NAME: z.string().min(1).default("OpenID Connect"),
  // Who publishes the fact checks (ClaimReview's author and publisher) until an admin sets it
  // (lib/settings/publisher.ts): "Fact-check" and the public URL when unset.
  PUBLISHER_NAME: z
    .string()
    .trim()
    .max(200, "PUBLISHER_NAME must be at most 200 characters")
    .optional()
    .transform((value) => value || undefined),
  PUBLISHER_URL: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || undefined)
    .pipe(
      z
        .string()
        .url("PUBLISHER_URL must be a URL")
        .refine((value) => /^https?:\/\//.test(value), "PUBLISHER_URL must start with http:// or https://")
        .optional(),
    ),
  // Trust X-Forwarded-For for the client address (behind a reverse proxy only).
  TRUST_PROXY: z
    .enum(["0", "1", "true", "false"])
    .default("0")
    .transform((value) => value === "1" || value === "true"),
  LOG_QUERIES: z
    .enum(["0", "1", "true", "false"])
    .default("0")
    .transform((value) => value === "1" || value === "true"),
});

export type AppEnv = Omit<z.infer<typeof EnvSchema>, "APP_MODE"> & {
  APP_MODE: "sample" | "production";
  databaseKind: "sqlite" | "postgres";
  sqliteFile: string;
};

let cached: AppEnv | undefined;

export function parseEnv(source: Record<string, string | undefined>): AppEnv {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`)
      .join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  const isPostgres = parsed.data.DATABASE_URL?.startsWith("postgres") ?? false;
  // A PostgreSQL database is a team's server: demo accounts (an admin among them, with printed
  // passwords) must never appear there by default. Sample mode on it is asked for by name.
  const mode: AppEnv["APP_MODE"] = parsed.data.APP_MODE ?? (isPostgres ? "production" : "sample");
  const env = { ...parsed.data, APP_MODE: mode };
  if (env.APP_MODE === "production" && !(env.AUTH_SECRET ?? env.NEXTAUTH_SECRET)) {
    const why = parsed.data.APP_MODE
      ? ""
      : " (the default with a PostgreSQL DATABASE_URL; APP_MODE=sample for demo data)";
    throw new Error(
      `Invalid environment: AUTH_SECRET is required when APP_MODE=production${why} (at least 32 random characters)`,
    );
  }
  // The production server must know its public URL: next-auth builds redirects and OAuth callbacks
  // from it, and it decides whether cookies are Secure (https) and whether HSTS is sent. Not while
  // `next build` runs (NODE_ENV=production there too), which serves nobody.
  if (env.NODE_ENV === "production" && !env.NEXTAUTH_URL && source.NEXT_PHASE !== "phase-production-build") {
    throw new Error(
      "Invalid environment: NEXTAUTH_URL is required in production: the public URL of this installation " +
        "(e.g. https://factcheck.example.org, or http://localhost:3000 on one machine; `npm start` sets it in sample mode)",
    );
  }
  if (env.NEXTAUTH_URL && !/^https?:\/\//.test(env.NEXTAUTH_URL)) {
    throw new Error("Invalid environment: NEXTAUTH_URL must start with http:// or https://");
  }
  if (Boolean(env.GITHUB_ID) !== Boolean(env.GITHUB_SECRET)) {
    throw new Error("Invalid environment: GITHUB_ID and GITHUB_SECRET must be set together");
  }
  if (env.OIDC_ISSUER && !(env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET)) {
    throw new Error("Invalid environment: OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET");
  }
  const fileUrl = env.DATABASE_URL?.startsWith("file:") ? env.DATABASE_URL : undefined;
  const sqliteFile = fileUrl ? resolve(fileUrl.slice("file:".length)) : resolve(env.DATA_DIR, "app.db");
  return { ...env, databaseKind: isPostgres ? "postgres" : "sqlite", sqliteFile };
}

export function getEnv(): AppEnv {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * The installation's public address without a trailing slash, for absolute links in what leaves the
 * site (ClaimReview, citations, annotations, the API description): NEXTAUTH_URL, or, where it is not
 * set (development, tests), http://localhost:PORT as `npm start` assumes in sample mode.
 */
export function publicUrl(env: AppEnv = getEnv()): string {
  return (env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
}
