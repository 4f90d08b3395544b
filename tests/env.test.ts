import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

describe("parseEnv", () => {
  it("needs nothing in sample mode and defaults to SQLite in data/", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ databaseKind: "sqlite", PORT: 3000, APP_MODE: "sample" });
    expect(env.sqliteFile).toMatch(/data[\\/]app\.db$/);
  });

  it("chooses PostgreSQL for a postgres URL", () => {
    expect(parseEnv({ DATABASE_URL: "postgresql://u@h:5432/db" }).databaseKind).toBe("postgres");
  });

  it.each([
    [{ DATABASE_URL: "mysql://x" }, /DATABASE_URL/],
    [{ PORT: "eighty" }, /PORT/],
    [{ APP_MODE: "production" }, /AUTH_SECRET is required/],
    [{ APP_MODE: "production", AUTH_SECRET: "short" }, /AUTH_SECRET must be at least 32/],
    [{ GITHUB_ID: "id" }, /GITHUB_ID and GITHUB_SECRET/],
    [{ OIDC_ISSUER: "https://id.example.org" }, /OIDC_CLIENT_ID/],
    [{ DATABASE_SCHEMA: "Robert'); DROP TABLE" }, /DATABASE_SCHEMA/],
  ])("refuses %o with a message naming the setting", (source, message) => {
    expect(() => parseEnv(source as Record<string, string>)).toThrow(message);
  });

  it("accepts production with a secret", () => {
    expect(parseEnv({ APP_MODE: "production", AUTH_SECRET: "x".repeat(40) }).APP_MODE).toBe("production");
  });
});
