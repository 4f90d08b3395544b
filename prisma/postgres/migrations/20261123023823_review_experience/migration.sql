-- AlterTable
ALTER TABLE "Claim" ADD COLUMN     "contested" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "contextCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "contradictsCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "evidenceCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "supportsCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "voteCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "voteIqr" DOUBLE PRECISION,
ADD COLUMN     "voteMedian" DOUBLE PRECISION;

-- CreateTable
CREATE TABLE "Comment" (
    "id" TEXT NOT NULL,
    "claimId" TEXT NOT NULL,
    "authorId" TEXT,
    "body" TEXT NOT NULL,
    "hiddenAt" TIMESTAMP(3),
    "hiddenById" TEXT,
    "hideReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Comment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Comment_claimId_createdAt_idx" ON "Comment"("claimId", "createdAt");

-- CreateIndex
CREATE INDEX "Claim_status_voteMedian_idx" ON "Claim"("status", "voteMedian");

-- CreateIndex
CREATE INDEX "Claim_status_voteIqr_idx" ON "Claim"("status", "voteIqr");

-- CreateIndex
CREATE INDEX "Claim_status_evidenceCount_idx" ON "Claim"("status", "evidenceCount");

-- CreateIndex
CREATE INDEX "Claim_status_contested_idx" ON "Claim"("status", "contested");

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_hiddenById_fkey" FOREIGN KEY ("hiddenById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Backfill the evidence and vote counts of existing claims (medians are filled in by the app on start).
UPDATE "Claim" SET
  "supportsCount" = (SELECT COUNT(*) FROM "Evidence" e WHERE e."claimId" = "Claim"."id" AND e."removedAt" IS NULL AND e."stance" = 'supports'),
  "contradictsCount" = (SELECT COUNT(*) FROM "Evidence" e WHERE e."claimId" = "Claim"."id" AND e."removedAt" IS NULL AND e."stance" = 'contradicts'),
  "contextCount" = (SELECT COUNT(*) FROM "Evidence" e WHERE e."claimId" = "Claim"."id" AND e."removedAt" IS NULL AND e."stance" = 'context'),
  "evidenceCount" = (SELECT COUNT(*) FROM "Evidence" e WHERE e."claimId" = "Claim"."id" AND e."removedAt" IS NULL),
  "voteCount" = (SELECT COUNT(*) FROM "ConfidenceVote" v WHERE v."claimId" = "Claim"."id");
