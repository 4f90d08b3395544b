import { describe, expect, it } from "vitest";
import { parseEnv, publicUrl } from "@/lib/env";

describe("parseEnv", () => {
  it("needs nothing in sample mode and defaults to SQLite in data/", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ databaseKind: "sqlite", PORT: 3000, APP_MODE: "sample" });
    expect(env.sqliteFile).toMatch(/data[\\/]app\.db$/);
  });

  it("chooses PostgreSQL for a postgres URL", () => {
    expect(parseEnv({ DATABASE_URL: "postgresql://u@h:5432/db", APP_MODE: "sample" }).databaseKind).toBe("postgres");
  });

  describe("APP_MODE when it is not set", () => {
    const secret = "x".repeat(40);

    it("is sample on the embedded SQLite database, a named SQLite file included", () => {
      expect(parseEnv({}).APP_MODE).toBe("sample");
      expect(parseEnv({ DATABASE_URL: "file:/tmp/factcheck-team.db" }).APP_MODE).toBe("sample");
    });

    it.each(["postgres://u@h:5432/db", "postgresql://u@h:5432/db"])(
      "is production on PostgreSQL (%s), which then needs AUTH_SECRET",
      (url) => {
        expect(parseEnv({ DATABASE_URL: url, AUTH_SECRET: secret }).APP_MODE).toBe("production");
        expect(() => parseEnv({ DATABASE_URL: url })).toThrow(
          /AUTH_SECRET is required when APP_MODE=production \(the default with a PostgreSQL DATABASE_URL/,
        );
      },
    );

    it("is what it is set to, on either database", () => {
      expect(parseEnv({ DATABASE_URL: "postgresql://u@h:5432/db", APP_MODE: "sample" }).APP_MODE).toBe("sample");
      expect(parseEnv({ APP_MODE: "production", AUTH_SECRET: secret }).APP_MODE).toBe("production");
      expect(() => parseEnv({ APP_MODE: "staging" })).toThrow(/APP_MODE/);
    });
  });

  it.each([
    [{ DATABASE_URL: "mysql://x" }, /DATABASE_URL/],
    [{ PORT: "eighty" }, /PORT/],
    [{ DATABASE_POOL_SIZE: "0" }, /DATABASE_POOL_SIZE/],
    [{ DATABASE_POOL_SIZE: "many" }, /DATABASE_POOL_SIZE/],
    [{ DATABASE_POOL_SIZE: "1000000" }, /DATABASE_POOL_SIZE/],
    [{ DATABASE_POOL_SIZE: "2.5" }, /DATABASE_POOL_SIZE/],
    [{ APP_MODE: "production" }, /AUTH_SECRET is required/],
    [{ APP_MODE: "production", AUTH_SECRET: "short" }, /AUTH_SECRET must be at least 32/],
    [{ GITHUB_ID: "id" }, /GITHUB_ID and GITHUB_SECRET/],
    [{ OIDC_ISSUER: "https://id.example.org" }, /OIDC_CLIENT_ID/],
    [{ DATABASE_SCHEMA: "Robert'); DROP TABLE" }, /DATABASE_SCHEMA/],
    [{ NODE_ENV: "production" }, /NEXTAUTH_URL is required in production/],
    [{ NEXTAUTH_URL: "ftp://factcheck.example.org" }, /NEXTAUTH_URL must start with http/],
    [{ PUBLISHER_URL: "javascript:alert(1)" }, /PUBLISHER_URL must start with http/],
    [{ PUBLISHER_URL: "not a url" }, /PUBLISHER_URL must be a URL/],
    [{ PUBLISHER_NAME: "x".repeat(201) }, /PUBLISHER_NAME must be at most 200/],
  ])("refuses %o with a message naming the setting", (source, message) => {
    expect(() => parseEnv(source as Record<string, string>)).toThrow(message);
  });

  it("needs the public URL of a production server, not of a production build", () => {
    const url = "https://factcheck.example.org";
    expect(parseEnv({ NODE_ENV: "production", NEXTAUTH_URL: url }).NEXTAUTH_URL).toBe(url);
    expect(parseEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" }).NEXTAUTH_URL).toBeUndefined();
  });

  it("accepts production with a secret", () => {
    expect(parseEnv({ APP_MODE: "production", AUTH_SECRET: "x".repeat(40) }).APP_MODE).toBe("production");
  });

  it("takes the publisher's name and address when given, and leaves empty ones unset", () => {
    expect(parseEnv({ PUBLISHER_NAME: " Kirov Files ", PUBLISHER_URL: "https://kirov.example.org" })).toMatchObject({
      PUBLISHER_NAME: "Kirov Files",
      PUBLISHER_URL: "https://kirov.example.org",
    });
    const empty = parseEnv({ PUBLISHER_NAME: "", PUBLISHER_URL: "" });
    expect(empty.PUBLISHER_NAME).toBeUndefined();
    expect(empty.PUBLISHER_URL).toBeUndefined();
  });

  it("gives the public URL for absolute links: NEXTAUTH_URL without its trailing slash, else localhost", () => {
    expect(publicUrl(parseEnv({ NEXTAUTH_URL: "https://factcheck.example.org/" }))).toBe(
      "https://factcheck.example.org",
    );
    expect(publicUrl(parseEnv({ PORT: "4000" }))).toBe("http://localhost:4000");
  });
});
