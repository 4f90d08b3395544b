-- AlterTable
ALTER TABLE "PersonAlias" ADD COLUMN     "key" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "SearchDocument" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "refId" TEXT NOT NULL,
    "sourceId" TEXT,
    "subKind" TEXT,
    "text" TEXT NOT NULL,
    "folded" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SearchDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PersonMention" (
    "id" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "surface" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'attached',

    CONSTRAINT "PersonMention_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PersonSuggestion" (
    "id" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "birthDate" TEXT,
    "deathDate" TEXT,
    "description" TEXT,
    "sentences" TEXT NOT NULL DEFAULT '[]',
    "occurrences" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PersonSuggestion_pkey" PRIMARY KEY ("id")
);

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

-- CreateIndex
CREATE INDEX "PersonAlias_key_idx" ON "PersonAlias"("key");

-- AddForeignKey
ALTER TABLE "PersonMention" ADD CONSTRAINT "PersonMention_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonMention" ADD CONSTRAINT "PersonMention_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonSuggestion" ADD CONSTRAINT "PersonSuggestion_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Full-text index over SearchDocument.folded: a generated tsvector (the database keeps it
-- current on every write) with a GIN index. 'simple': the text is already folded by the app.
ALTER TABLE "SearchDocument" ADD COLUMN "tsv" tsvector GENERATED ALWAYS AS (to_tsvector('simple', "folded")) STORED;
CREATE INDEX "SearchDocument_tsv_idx" ON "SearchDocument" USING GIN ("tsv");
