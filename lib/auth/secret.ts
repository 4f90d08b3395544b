import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { getEnv } from "@/lib/env";

let cached: string | undefined;

/**
 * The key that signs sessions. Production requires AUTH_SECRET (checked in lib/env). In
 * sample mode a secret is generated once and kept in data/, so sessions survive restarts.
 */
export function getAuthSecret(): string {
  if (cached) return cached;
  const env = getEnv();
  const configured = env.AUTH_SECRET ?? env.NEXTAUTH_SECRET;
  if (configured) {
    cached = configured;
    return cached;
  }
  const file = join(env.DATA_DIR, "auth-secret");
  if (existsSync(file)) {
    const stored = readFileSync(file, "utf8").trim();
    if (stored.length >= 32) {
      cached = stored;
      return cached;
    }
  }
  mkdirSync(env.DATA_DIR, { recursive: true });
  const generated = randomBytes(48).toString("base64url");
  try {
    // "wx": if another process wrote it first, use theirs.
    writeFileSync(file, generated, { mode: 0o600, flag: "wx" });
    cached = generated;
  } catch {
    cached = readFileSync(file, "utf8").trim();
  }
  return cached;
}
