import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { authorize } from "@/lib/authorize";
import type { Db, Tx } from "@/lib/db";
import { getEnv, publicUrl } from "@/lib/env";
import { parseInput } from "@/lib/errors";
import type { MaybeActor } from "@/lib/permissions";
import { PublisherSchema } from "./schemas";

const KEY = "publisher";

export type Publisher = { name: string; url: string };

/** Until an admin names one: PUBLISHER_NAME / PUBLISHER_URL, else "Fact-check" at the public URL. */
export function defaultPublisher(): Publisher {
  const env = getEnv();
  return { name: env.PUBLISHER_NAME ?? "Fact-check", url: env.PUBLISHER_URL ?? publicUrl(env) };
}

/**
 * The organisation that publishes this installation's fact checks (ClaimReview's author and
 * publisher). A stored value that no longer parses falls back to the default rather than failing
 * every claim page.
 */
export async function getPublisher(db: Db | Tx): Promise<Publisher> {
  const fallback = defaultPublisher();
  const setting = await db.setting.findUnique({ where: { key: KEY } });
  if (!setting) return fallback;
  let stored: unknown;
  try {
    stored = JSON.parse(setting.value);
  } catch {
    return fallback;
  }
  const parsed = PublisherSchema.safeParse(stored);
  return parsed.success ? { name: parsed.data.name, url: parsed.data.url ?? fallback.url } : fallback;
}

/** Admins name the publishing organisation; a URL left out means the installation's own. */
export async function setPublisher(db: Db, actor: MaybeActor, input: unknown): Promise<Publisher> {
  authorize(actor, "manage:settings");
  const data = parseInput(PublisherSchema, input);
  const value = JSON.stringify(data.url ? { name: data.name, url: data.url } : { name: data.name });
  await db.$transaction(async (tx) => {
    const before = await getPublisher(tx);
    await tx.setting.upsert({
      where: { key: KEY },
      create: { key: KEY, value, updatedById: actor.id },
      update: { value, updatedById: actor.id },
    });
    await recordAudit(tx, actor, {
      action: "settings.publisher",
      entityType: "Setting",
      entityId: KEY,
      data: { before, after: JSON.parse(value) },
    });
  });
  return getPublisher(db);
}
