-- CreateTable
CREATE TABLE "CacheGeneration" (
    "id" INTEGER NOT NULL,
    "token" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CacheGeneration_pkey" PRIMARY KEY ("id")
);

