-- AlterTable
ALTER TABLE "Run" ADD COLUMN "lossCurve" TEXT;
