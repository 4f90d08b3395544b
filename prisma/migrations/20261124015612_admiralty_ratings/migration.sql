-- CreateTable
CREATE TABLE "SourceRating" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sourceId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "grade" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SourceRating_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SourceRating_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SourceRatingHistory" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sourceId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "grade" TEXT,
    "reason" TEXT,
    "ratedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SourceRatingHistory_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SourceRatingHistory_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EvidenceRating" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "evidenceId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "grade" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "EvidenceRating_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EvidenceRating_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EvidenceRatingHistory" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "evidenceId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "grade" INTEGER,
    "reason" TEXT,
    "ratedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "EvidenceRatingHistory_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EvidenceRatingHistory_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "SourceRating_userId_idx" ON "SourceRating"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "SourceRating_sourceId_userId_key" ON "SourceRating"("sourceId", "userId");

-- CreateIndex
CREATE INDEX "SourceRatingHistory_sourceId_ratedAt_idx" ON "SourceRatingHistory"("sourceId", "ratedAt");

-- CreateIndex
CREATE INDEX "SourceRatingHistory_userId_sourceId_idx" ON "SourceRatingHistory"("userId", "sourceId");

-- CreateIndex
CREATE INDEX "EvidenceRating_userId_idx" ON "EvidenceRating"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "EvidenceRating_evidenceId_userId_key" ON "EvidenceRating"("evidenceId", "userId");

-- CreateIndex
CREATE INDEX "EvidenceRatingHistory_evidenceId_ratedAt_idx" ON "EvidenceRatingHistory"("evidenceId", "ratedAt");

-- CreateIndex
CREATE INDEX "EvidenceRatingHistory_userId_evidenceId_idx" ON "EvidenceRatingHistory"("userId", "evidenceId");

