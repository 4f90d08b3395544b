-- CreateTable
CREATE TABLE "SearchDocument" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "refId" TEXT NOT NULL,
    "sourceId" TEXT,
    "subKind" TEXT,
    "text" TEXT NOT NULL,
    "folded" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "PersonMention" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sourceId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "surface" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'attached',
    CONSTRAINT "PersonMention_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PersonMention_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PersonSuggestion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sourceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "birthDate" TEXT,
    "deathDate" TEXT,
    "description" TEXT,
    "sentences" TEXT NOT NULL DEFAULT '[]',
    "occurrences" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PersonSuggestion_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_PersonAlias" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "normalized" TEXT NOT NULL,
    "key" TEXT NOT NULL DEFAULT '',
    "isPrimary" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "PersonAlias_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_PersonAlias" ("id", "isPrimary", "name", "normalized", "personId") SELECT "id", "isPrimary", "name", "normalized", "personId" FROM "PersonAlias";
DROP TABLE "PersonAlias";
ALTER TABLE "new_PersonAlias" RENAME TO "PersonAlias";
CREATE INDEX "PersonAlias_normalized_idx" ON "PersonAlias"("normalized");
CREATE INDEX "PersonAlias_key_idx" ON "PersonAlias"("key");
CREATE UNIQUE INDEX "PersonAlias_personId_normalized_key" ON "PersonAlias"("personId", "normalized");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "SearchDocument_sourceId_idx" ON "SearchDocument"("sourceId");

-- CreateIndex
CREATE UNIQUE INDEX "SearchDocument_kind_refId_key" ON "SearchDocument"("kind", "refId");

-- CreateIndex
CREATE INDEX "PersonMention_personId_idx" ON "PersonMention"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "PersonMention_sourceId_personId_surface_key" ON "PersonMention"("sourceId", "personId", "surface");

-- CreateIndex
CREATE INDEX "PersonSuggestion_status_idx" ON "PersonSuggestion"("status");

-- CreateIndex
CREATE UNIQUE INDEX "PersonSuggestion_sourceId_key_key" ON "PersonSuggestion"("sourceId", "key");


-- Full-text index over SearchDocument.folded (FTS5, external content), kept in step by triggers.
-- unicode61 with remove_diacritics folds case and accents again at the tokenizer, as a second guard.
CREATE VIRTUAL TABLE "SearchDocumentFts" USING fts5("folded", content='SearchDocument', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER "SearchDocument_fts_insert" AFTER INSERT ON "SearchDocument" BEGIN
  INSERT INTO "SearchDocumentFts"(rowid, "folded") VALUES (new.rowid, new."folded");
END;
CREATE TRIGGER "SearchDocument_fts_delete" AFTER DELETE ON "SearchDocument" BEGIN
  INSERT INTO "SearchDocumentFts"("SearchDocumentFts", rowid, "folded") VALUES ('delete', old.rowid, old."folded");
END;
CREATE TRIGGER "SearchDocument_fts_update" AFTER UPDATE ON "SearchDocument" BEGIN
  INSERT INTO "SearchDocumentFts"("SearchDocumentFts", rowid, "folded") VALUES ('delete', old.rowid, old."folded");
  INSERT INTO "SearchDocumentFts"(rowid, "folded") VALUES (new.rowid, new."folded");
END;
