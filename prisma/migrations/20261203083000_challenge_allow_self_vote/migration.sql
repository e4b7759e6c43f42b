-- AlterTable
ALTER TABLE "Challenge" ADD COLUMN     "allowSelfVote" BOOLEAN NOT NULL DEFAULT false;
