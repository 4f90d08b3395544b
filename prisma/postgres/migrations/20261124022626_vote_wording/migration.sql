-- AlterTable
ALTER TABLE "Claim" ADD COLUMN     "votesAwaitingConfirmation" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "wording" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "ConfidenceVote" ADD COLUMN     "onEarlierWording" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "wording" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "ConfidenceVoteHistory" ADD COLUMN     "wording" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Revision" ADD COLUMN     "votesOnRewording" TEXT;

