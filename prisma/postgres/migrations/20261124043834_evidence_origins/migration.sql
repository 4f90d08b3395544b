-- AlterTable
ALTER TABLE "Claim" ADD COLUMN     "contradictsLines" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "supportsLines" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Evidence" ADD COLUMN     "originId" TEXT;

-- CreateTable
CREATE TABLE "EvidenceOrigin" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameNormalized" TEXT NOT NULL,
    "note" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EvidenceOrigin_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "EvidenceOrigin_nameNormalized_key" ON "EvidenceOrigin"("nameNormalized");

-- CreateIndex
CREATE INDEX "Evidence_originId_idx" ON "Evidence"("originId");

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_originId_fkey" FOREIGN KEY ("originId") REFERENCES "EvidenceOrigin"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceOrigin" ADD CONSTRAINT "EvidenceOrigin_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Until members group evidence by origin, each piece is its own line.
UPDATE "Claim" SET "supportsLines" = "supportsCount", "contradictsLines" = "contradictsCount";
