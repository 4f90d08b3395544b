-- CreateTable
CREATE TABLE "Comment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "claimId" TEXT NOT NULL,
    "authorId" TEXT,
    "body" TEXT NOT NULL,
    "hiddenAt" DATETIME,
    "hiddenById" TEXT,
    "hideReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Comment_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Comment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Comment_hiddenById_fkey" FOREIGN KEY ("hiddenById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
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
    "voteCount" INTEGER NOT NULL DEFAULT 0,
    "voteMedian" REAL,
    "voteIqr" REAL,
    "contested" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Claim_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Claim_lockedById_fkey" FOREIGN KEY ("lockedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Claim" ("authorId", "createdAt", "id", "lockedAt", "lockedById", "slug", "statement", "statementNormalized", "status", "updatedAt", "version") SELECT "authorId", "createdAt", "id", "lockedAt", "lockedById", "slug", "statement", "statementNormalized", "status", "updatedAt", "version" FROM "Claim";
DROP TABLE "Claim";
ALTER TABLE "new_Claim" RENAME TO "Claim";
CREATE UNIQUE INDEX "Claim_slug_key" ON "Claim"("slug");
CREATE INDEX "Claim_status_updatedAt_idx" ON "Claim"("status", "updatedAt");
CREATE INDEX "Claim_status_voteMedian_idx" ON "Claim"("status", "voteMedian");
CREATE INDEX "Claim_status_voteIqr_idx" ON "Claim"("status", "voteIqr");
CREATE INDEX "Claim_status_evidenceCount_idx" ON "Claim"("status", "evidenceCount");
CREATE INDEX "Claim_status_contested_idx" ON "Claim"("status", "contested");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Comment_claimId_createdAt_idx" ON "Comment"("claimId", "createdAt");


-- Backfill the evidence and vote counts of existing claims (medians are filled in by the app on start).
UPDATE "Claim" SET
  "supportsCount" = (SELECT COUNT(*) FROM "Evidence" e WHERE e."claimId" = "Claim"."id" AND e."removedAt" IS NULL AND e."stance" = 'supports'),
  "contradictsCount" = (SELECT COUNT(*) FROM "Evidence" e WHERE e."claimId" = "Claim"."id" AND e."removedAt" IS NULL AND e."stance" = 'contradicts'),
  "contextCount" = (SELECT COUNT(*) FROM "Evidence" e WHERE e."claimId" = "Claim"."id" AND e."removedAt" IS NULL AND e."stance" = 'context'),
  "evidenceCount" = (SELECT COUNT(*) FROM "Evidence" e WHERE e."claimId" = "Claim"."id" AND e."removedAt" IS NULL),
  "voteCount" = (SELECT COUNT(*) FROM "ConfidenceVote" v WHERE v."claimId" = "Claim"."id");
