-- AlterTable
ALTER TABLE "Revision" ADD COLUMN "votesOnRewording" TEXT;

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
    "votesAwaitingConfirmation" INTEGER NOT NULL DEFAULT 0,
    "wording" INTEGER NOT NULL DEFAULT 1,
    "mergedIntoId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Claim_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Claim" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Claim_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Claim_lockedById_fkey" FOREIGN KEY ("lockedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Claim" ("authorId", "contested", "contextCount", "contradictsCount", "createdAt", "evidenceCount", "id", "lockedAt", "lockedById", "mergedIntoId", "slug", "statement", "statementNormalized", "status", "supportsCount", "updatedAt", "version", "voteCount", "voteIqr", "voteMedian") SELECT "authorId", "contested", "contextCount", "contradictsCount", "createdAt", "evidenceCount", "id", "lockedAt", "lockedById", "mergedIntoId", "slug", "statement", "statementNormalized", "status", "supportsCount", "updatedAt", "version", "voteCount", "voteIqr", "voteMedian" FROM "Claim";
DROP TABLE "Claim";
ALTER TABLE "new_Claim" RENAME TO "Claim";
CREATE UNIQUE INDEX "Claim_slug_key" ON "Claim"("slug");
CREATE INDEX "Claim_status_updatedAt_idx" ON "Claim"("status", "updatedAt");
CREATE INDEX "Claim_status_voteMedian_idx" ON "Claim"("status", "voteMedian");
CREATE INDEX "Claim_status_voteIqr_idx" ON "Claim"("status", "voteIqr");
CREATE INDEX "Claim_status_evidenceCount_idx" ON "Claim"("status", "evidenceCount");
CREATE INDEX "Claim_status_contested_idx" ON "Claim"("status", "contested");
CREATE INDEX "Claim_mergedIntoId_idx" ON "Claim"("mergedIntoId");
CREATE TABLE "new_ConfidenceVote" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "claimId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    "rationale" TEXT,
    "wording" INTEGER NOT NULL DEFAULT 1,
    "onEarlierWording" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ConfidenceVote_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ConfidenceVote_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ConfidenceVote" ("claimId", "createdAt", "id", "rationale", "updatedAt", "userId", "value") SELECT "claimId", "createdAt", "id", "rationale", "updatedAt", "userId", "value" FROM "ConfidenceVote";
DROP TABLE "ConfidenceVote";
ALTER TABLE "new_ConfidenceVote" RENAME TO "ConfidenceVote";
CREATE UNIQUE INDEX "ConfidenceVote_claimId_userId_key" ON "ConfidenceVote"("claimId", "userId");
CREATE TABLE "new_ConfidenceVoteHistory" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "claimId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    "rationale" TEXT,
    "wording" INTEGER NOT NULL DEFAULT 1,
    "castAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ConfidenceVoteHistory_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ConfidenceVoteHistory_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ConfidenceVoteHistory" ("castAt", "claimId", "id", "rationale", "userId", "value") SELECT "castAt", "claimId", "id", "rationale", "userId", "value" FROM "ConfidenceVoteHistory";
DROP TABLE "ConfidenceVoteHistory";
ALTER TABLE "new_ConfidenceVoteHistory" RENAME TO "ConfidenceVoteHistory";
CREATE INDEX "ConfidenceVoteHistory_claimId_castAt_idx" ON "ConfidenceVoteHistory"("claimId", "castAt");
CREATE INDEX "ConfidenceVoteHistory_userId_claimId_idx" ON "ConfidenceVoteHistory"("userId", "claimId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

