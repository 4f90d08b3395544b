-- CreateTable
CREATE TABLE "CacheGeneration" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "token" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

