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
    "mergedIntoId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Claim_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Claim" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Claim_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Claim_lockedById_fkey" FOREIGN KEY ("lockedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Claim" ("authorId", "contested", "contextCount", "contradictsCount", "createdAt", "evidenceCount", "id", "lockedAt", "lockedById", "slug", "statement", "statementNormalized", "status", "supportsCount", "updatedAt", "version", "voteCount", "voteIqr", "voteMedian") SELECT "authorId", "contested", "contextCount", "contradictsCount", "createdAt", "evidenceCount", "id", "lockedAt", "lockedById", "slug", "statement", "statementNormalized", "status", "supportsCount", "updatedAt", "version", "voteCount", "voteIqr", "voteMedian" FROM "Claim";
DROP TABLE "Claim";
ALTER TABLE "new_Claim" RENAME TO "Claim";
CREATE UNIQUE INDEX "Claim_slug_key" ON "Claim"("slug");
CREATE INDEX "Claim_status_updatedAt_idx" ON "Claim"("status", "updatedAt");
CREATE INDEX "Claim_status_voteMedian_idx" ON "Claim"("status", "voteMedian");
CREATE INDEX "Claim_status_voteIqr_idx" ON "Claim"("status", "voteIqr");
CREATE INDEX "Claim_status_evidenceCount_idx" ON "Claim"("status", "evidenceCount");
CREATE INDEX "Claim_status_contested_idx" ON "Claim"("status", "contested");
CREATE INDEX "Claim_mergedIntoId_idx" ON "Claim"("mergedIntoId");
CREATE TABLE "new_PersonSuggestion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sourceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "birthDate" TEXT,
    "deathDate" TEXT,
    "description" TEXT,
    "sentences" TEXT NOT NULL DEFAULT '[]',
    "spellings" TEXT NOT NULL DEFAULT '[]',
    "occurrences" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PersonSuggestion_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_PersonSuggestion" ("birthDate", "createdAt", "deathDate", "description", "id", "key", "name", "occurrences", "sentences", "sourceId", "status") SELECT "birthDate", "createdAt", "deathDate", "description", "id", "key", "name", "occurrences", "sentences", "sourceId", "status" FROM "PersonSuggestion";
DROP TABLE "PersonSuggestion";
ALTER TABLE "new_PersonSuggestion" RENAME TO "PersonSuggestion";
CREATE INDEX "PersonSuggestion_status_idx" ON "PersonSuggestion"("status");
CREATE UNIQUE INDEX "PersonSuggestion_sourceId_key_key" ON "PersonSuggestion"("sourceId", "key");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- The full-text table also indexes each document's kind and source, so a search restricted to
-- claims or to one source intersects small lists inside FTS5 instead of filtering a million matches.
DROP TRIGGER "SearchDocument_fts_insert";
DROP TRIGGER "SearchDocument_fts_delete";
DROP TRIGGER "SearchDocument_fts_update";
DROP TABLE "SearchDocumentFts";
CREATE VIRTUAL TABLE "SearchDocumentFts" USING fts5("folded", "kind", "sourceId", content='SearchDocument', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER "SearchDocument_fts_insert" AFTER INSERT ON "SearchDocument" BEGIN
  INSERT INTO "SearchDocumentFts"(rowid, "folded", "kind", "sourceId") VALUES (new.rowid, new."folded", new."kind", new."sourceId");
END;
CREATE TRIGGER "SearchDocument_fts_delete" AFTER DELETE ON "SearchDocument" BEGIN
  INSERT INTO "SearchDocumentFts"("SearchDocumentFts", rowid, "folded", "kind", "sourceId") VALUES ('delete', old.rowid, old."folded", old."kind", old."sourceId");
END;
CREATE TRIGGER "SearchDocument_fts_update" AFTER UPDATE ON "SearchDocument" BEGIN
  INSERT INTO "SearchDocumentFts"("SearchDocumentFts", rowid, "folded", "kind", "sourceId") VALUES ('delete', old.rowid, old."folded", old."kind", old."sourceId");
  INSERT INTO "SearchDocumentFts"(rowid, "folded", "kind", "sourceId") VALUES (new.rowid, new."folded", new."kind", new."sourceId");
END;
INSERT INTO "SearchDocumentFts"("SearchDocumentFts") VALUES ('rebuild');
