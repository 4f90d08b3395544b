-- CreateTable
CREATE TABLE "VoteEvidence" (
    "voteId" TEXT NOT NULL,
    "evidenceId" TEXT NOT NULL,

    PRIMARY KEY ("voteId", "evidenceId"),
    CONSTRAINT "VoteEvidence_voteId_fkey" FOREIGN KEY ("voteId") REFERENCES "ConfidenceVote" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "VoteEvidence_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "VoteEvidence_evidenceId_idx" ON "VoteEvidence"("evidenceId");

