-- AlterTable
ALTER TABLE "Claim" ADD COLUMN     "mergedIntoId" TEXT;

-- AlterTable
ALTER TABLE "PersonSuggestion" ADD COLUMN     "spellings" TEXT NOT NULL DEFAULT '[]';

-- CreateIndex
CREATE INDEX "Claim_mergedIntoId_idx" ON "Claim"("mergedIntoId");

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Claim"("id") ON DELETE SET NULL ON UPDATE CASCADE;

