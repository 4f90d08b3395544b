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
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // "sample" loads the demo corpus and demo accounts when the database is empty.
  APP_MODE: z.enum(["sample", "production"]).default("sample"),
  DATA_DIR: z.string().default("data"),
  LOG_QUERIES: z
    .enum(["0", "1", "true", "false"])
    .default("0")
    .transform((value) => value === "1" || value === "true"),
});

export type AppEnv = z.infer<typeof EnvSchema> & {
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
  const env = parsed.data;
  const isPostgres = env.DATABASE_URL !== undefined && env.DATABASE_URL.startsWith("postgres");
  const sqliteFile =
    env.DATABASE_URL !== undefined && env.DATABASE_URL.startsWith("file:")
      ? resolve(env.DATABASE_URL.slice("file:".length))
      : resolve(env.DATA_DIR, "app.db");
  return { ...env, databaseKind: isPostgres ? "postgres" : "sqlite", sqliteFile };
}

export function getEnv(): AppEnv {
  cached ??= parseEnv(process.env);
  return cached;
}
