-- CreateTable
CREATE TABLE "EvidenceOrigin" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "nameNormalized" TEXT NOT NULL,
    "note" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "EvidenceOrigin_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Claim" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "statement" TEXT NOT NULL,
    "statementNormalized" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "version" INTEGER NOT NULL DEFAULT 1,
    "lockedAt" DATETIME,
    "lockedById" TEXT,
    "authorId" TEXT,
    "supportsCount" INTEGER NOT NULL DEFAULT 0,
    "contradictsCount" INTEGER NOT NULL DEFAULT 0,
    "contextCount" INTEGER NOT NULL DEFAULT 0,
    "evidenceCount" INTEGER NOT NULL DEFAULT 0,
    "supportsLines" INTEGER NOT NULL DEFAULT 0,
    "contradictsLines" INTEGER NOT NULL DEFAULT 0,
    "voteCount" INTEGER NOT NULL DEFAULT 0,
    "voteMedian" REAL,
    "voteIqr" REAL,
    "contested" BOOLEAN NOT NULL DEFAULT false,
    "votesAwaitingConfirmation" INTEGER NOT NULL DEFAULT 0,
    "wording" INTEGER NOT NULL DEFAULT 1,
    "mergedIntoId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Claim_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Claim" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Claim_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Claim_lockedById_fkey" FOREIGN KEY ("lockedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Claim" ("authorId", "contested", "contextCount", "contradictsCount", "createdAt", "evidenceCount", "id", "lockedAt", "lockedById", "mergedIntoId", "slug", "statement", "statementNormalized", "status", "supportsCount", "updatedAt", "version", "voteCount", "voteIqr", "voteMedian", "votesAwaitingConfirmation", "wording") SELECT "authorId", "contested", "contextCount", "contradictsCount", "createdAt", "evidenceCount", "id", "lockedAt", "lockedById", "mergedIntoId", "slug", "statement", "statementNormalized", "status", "supportsCount", "updatedAt", "version", "voteCount", "voteIqr", "voteMedian", "votesAwaitingConfirmation", "wording" FROM "Claim";
DROP TABLE "Claim";
ALTER TABLE "new_Claim" RENAME TO "Claim";
CREATE UNIQUE INDEX "Claim_slug_key" ON "Claim"("slug");
CREATE INDEX "Claim_status_updatedAt_idx" ON "Claim"("status", "updatedAt");
CREATE INDEX "Claim_status_voteMedian_idx" ON "Claim"("status", "voteMedian");
CREATE INDEX "Claim_status_voteIqr_idx" ON "Claim"("status", "voteIqr");
CREATE INDEX "Claim_status_evidenceCount_idx" ON "Claim"("status", "evidenceCount");
CREATE INDEX "Claim_status_contested_idx" ON "Claim"("status", "contested");
CREATE INDEX "Claim_mergedIntoId_idx" ON "Claim"("mergedIntoId");
CREATE TABLE "new_Evidence" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "claimId" TEXT NOT NULL,
    "passageId" TEXT NOT NULL,
    "stance" TEXT NOT NULL,
    "note" TEXT,
    "pinpoint" TEXT,
    "addedById" TEXT,
    "removedAt" DATETIME,
    "originId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Evidence_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Evidence_passageId_fkey" FOREIGN KEY ("passageId") REFERENCES "Passage" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Evidence_addedById_fkey" FOREIGN KEY ("addedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Evidence_originId_fkey" FOREIGN KEY ("originId") REFERENCES "EvidenceOrigin" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Evidence" ("addedById", "claimId", "createdAt", "id", "note", "passageId", "pinpoint", "removedAt", "stance", "updatedAt") SELECT "addedById", "claimId", "createdAt", "id", "note", "passageId", "pinpoint", "removedAt", "stance", "updatedAt" FROM "Evidence";
DROP TABLE "Evidence";
ALTER TABLE "new_Evidence" RENAME TO "Evidence";
CREATE INDEX "Evidence_passageId_idx" ON "Evidence"("passageId");
CREATE INDEX "Evidence_originId_idx" ON "Evidence"("originId");
CREATE UNIQUE INDEX "Evidence_claimId_passageId_key" ON "Evidence"("claimId", "passageId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "EvidenceOrigin_nameNormalized_key" ON "EvidenceOrigin"("nameNormalized");


-- Until members group evidence by origin, each piece is its own line.
UPDATE "Claim" SET "supportsLines" = "supportsCount", "contradictsLines" = "contradictsCount";
