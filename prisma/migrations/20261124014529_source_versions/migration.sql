-- CreateTable
CREATE TABLE "EvidenceReanchor" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "evidenceId" TEXT NOT NULL,
    "fromPassageId" TEXT NOT NULL,
    "toSourceId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "method" TEXT,
    "start" INTEGER,
    "end" INTEGER,
    "quote" TEXT,
    "score" REAL,
    "reason" TEXT,
    "status" TEXT NOT NULL,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "EvidenceReanchor_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EvidenceReanchor_toSourceId_fkey" FOREIGN KEY ("toSourceId") REFERENCES "Source" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EvidenceReanchor_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Source" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "publisher" TEXT,
    "url" TEXT,
    "publishedDate" TEXT,
    "accessedDate" TEXT,
    "kind" TEXT NOT NULL DEFAULT 'web_page',
    "language" TEXT NOT NULL DEFAULT 'en',
    "format" TEXT NOT NULL DEFAULT 'text',
    "originalText" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "importedById" TEXT,
    "versionNumber" INTEGER NOT NULL DEFAULT 1,
    "firstVersionId" TEXT,
    "previousVersionId" TEXT,
    "supersededAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Source_importedById_fkey" FOREIGN KEY ("importedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Source_previousVersionId_fkey" FOREIGN KEY ("previousVersionId") REFERENCES "Source" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Source" ("accessedDate", "contentHash", "createdAt", "format", "id", "importedById", "kind", "language", "originalText", "publishedDate", "publisher", "text", "title", "updatedAt", "url") SELECT "accessedDate", "contentHash", "createdAt", "format", "id", "importedById", "kind", "language", "originalText", "publishedDate", "publisher", "text", "title", "updatedAt", "url" FROM "Source";
DROP TABLE "Source";
ALTER TABLE "new_Source" RENAME TO "Source";
CREATE UNIQUE INDEX "Source_contentHash_key" ON "Source"("contentHash");
CREATE UNIQUE INDEX "Source_previousVersionId_key" ON "Source"("previousVersionId");
CREATE INDEX "Source_createdAt_idx" ON "Source"("createdAt");
CREATE INDEX "Source_firstVersionId_idx" ON "Source"("firstVersionId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "EvidenceReanchor_status_idx" ON "EvidenceReanchor"("status");

-- CreateIndex
CREATE UNIQUE INDEX "EvidenceReanchor_evidenceId_toSourceId_key" ON "EvidenceReanchor"("evidenceId", "toSourceId");

