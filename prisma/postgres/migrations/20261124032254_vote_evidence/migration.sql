-- CreateTable
CREATE TABLE "VoteEvidence" (
    "voteId" TEXT NOT NULL,
    "evidenceId" TEXT NOT NULL,

    CONSTRAINT "VoteEvidence_pkey" PRIMARY KEY ("voteId","evidenceId")
);

-- CreateIndex
CREATE INDEX "VoteEvidence_evidenceId_idx" ON "VoteEvidence"("evidenceId");

-- AddForeignKey
ALTER TABLE "VoteEvidence" ADD CONSTRAINT "VoteEvidence_voteId_fkey" FOREIGN KEY ("voteId") REFERENCES "ConfidenceVote"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VoteEvidence" ADD CONSTRAINT "VoteEvidence_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

