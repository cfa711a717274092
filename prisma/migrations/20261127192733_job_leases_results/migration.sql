-- AlterTable
ALTER TABLE "Job" ADD COLUMN "leaseOwner" TEXT;
ALTER TABLE "Job" ADD COLUMN "leaseUntil" DATETIME;
ALTER TABLE "Job" ADD COLUMN "notBefore" DATETIME;

-- CreateTable
CREATE TABLE "JobResult" (
    "runId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "specHash" TEXT NOT NULL,
    "worker" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "storedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "JobResult_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "JobResult_specHash_idx" ON "JobResult"("specHash");
