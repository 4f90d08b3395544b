-- AlterTable
ALTER TABLE "Source" ADD COLUMN     "firstVersionId" TEXT,
ADD COLUMN     "previousVersionId" TEXT,
ADD COLUMN     "supersededAt" TIMESTAMP(3),
ADD COLUMN     "versionNumber" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "EvidenceReanchor" (
    "id" TEXT NOT NULL,
    "evidenceId" TEXT NOT NULL,
    "fromPassageId" TEXT NOT NULL,
    "toSourceId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "method" TEXT,
    "start" INTEGER,
    "end" INTEGER,
    "quote" TEXT,
    "score" DOUBLE PRECISION,
    "reason" TEXT,
    "status" TEXT NOT NULL,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EvidenceReanchor_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EvidenceReanchor_status_idx" ON "EvidenceReanchor"("status");

-- CreateIndex
CREATE UNIQUE INDEX "EvidenceReanchor_evidenceId_toSourceId_key" ON "EvidenceReanchor"("evidenceId", "toSourceId");

-- CreateIndex
CREATE UNIQUE INDEX "Source_previousVersionId_key" ON "Source"("previousVersionId");

-- CreateIndex
CREATE INDEX "Source_firstVersionId_idx" ON "Source"("firstVersionId");

-- AddForeignKey
ALTER TABLE "Source" ADD CONSTRAINT "Source_previousVersionId_fkey" FOREIGN KEY ("previousVersionId") REFERENCES "Source"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceReanchor" ADD CONSTRAINT "EvidenceReanchor_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceReanchor" ADD CONSTRAINT "EvidenceReanchor_toSourceId_fkey" FOREIGN KEY ("toSourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceReanchor" ADD CONSTRAINT "EvidenceReanchor_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

