import "server-only";
import type { Tx } from "@/lib/db";

type Role = "subject" | "mentioned";

/**
 * Links a person to a claim when two records are merged into one: a new link, or, where the
 * claim already names the person, the stronger role of the two (subject over mentioned).
 */
export async function mergePersonLink(
  tx: Tx,
  link: { claimId: string; personId: string; role: Role },
  existingRole: Role | undefined,
): Promise<void> {
  if (!existingRole) {
    await tx.claimPerson.create({ data: link });
  } else if (existingRole !== "subject" && link.role === "subject") {
    await tx.claimPerson.update({
      where: { claimId_personId: { claimId: link.claimId, personId: link.personId } },
      data: { role: "subject" },
    });
  }
}
