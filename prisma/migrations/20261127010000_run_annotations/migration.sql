-- Runs can be tagged and annotated like experiments.
-- AlterTable
ALTER TABLE "Run" ADD COLUMN "tags" TEXT NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "Run" ADD COLUMN "notes" TEXT NOT NULL DEFAULT '';
