-- CreateTable
CREATE TABLE "Experiment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "notes" TEXT NOT NULL DEFAULT '',
    "tags" TEXT NOT NULL DEFAULT '[]',
    "spec" TEXT NOT NULL,
    "specHash" TEXT NOT NULL,
    "method" TEXT NOT NULL DEFAULT 'convex',
    "status" TEXT NOT NULL DEFAULT 'queued',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME
);

-- CreateTable
CREATE TABLE "Run" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "experimentId" INTEGER NOT NULL,
    "trial" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "error" TEXT,
    "architecture" TEXT NOT NULL,
    "program" TEXT NOT NULL,
    "method" TEXT NOT NULL DEFAULT 'convex',
    "planted" TEXT NOT NULL,
    "plantedK" INTEGER NOT NULL DEFAULT 1,
    "plantedWeights" TEXT NOT NULL DEFAULT 'gaussian',
    "data" TEXT NOT NULL DEFAULT 'gaussian',
    "n" INTEGER NOT NULL,
    "d" INTEGER NOT NULL,
    "seed" INTEGER NOT NULL,
    "sigma" REAL NOT NULL DEFAULT 0,
    "beta" REAL NOT NULL DEFAULT 0,
    "patternSamples" INTEGER,
    "testSize" INTEGER NOT NULL DEFAULT 200,
    "backend" TEXT NOT NULL DEFAULT 'ipm',
    "source" TEXT NOT NULL DEFAULT 'spec',
    "caseName" TEXT,
    "recovered" BOOLEAN,
    "recoveredTol" REAL,
    "recoveredAllclose" BOOLEAN,
    "testOk" BOOLEAN,
    "nearTie" BOOLEAN,
    "allOnesPattern" BOOLEAN,
    "objective" REAL,
    "plantedObjective" REAL,
    "relErrPlanted" REAL,
    "distance" REAL,
    "testError" REAL,
    "testErrorRel" REAL,
    "activeNeurons" INTEGER,
    "maxOtherBlockNorm" REAL,
    "patterns" INTEGER,
    "iterations" INTEGER,
    "solverStatus" TEXT,
    "nic" REAL,
    "nicKind" TEXT,
    "bestDual" REAL,
    "certified" BOOLEAN,
    "timeMs" REAL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    CONSTRAINT "Run_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Weights" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "neurons" INTEGER NOT NULL,
    "d" INTEGER NOT NULL,
    "w" BLOB NOT NULL,
    "a" BLOB NOT NULL,
    "skip" BLOB,
    "checksum" TEXT NOT NULL,
    CONSTRAINT "Weights_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Job" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "experimentId" INTEGER NOT NULL,
    "runId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "worker" TEXT,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    CONSTRAINT "Job_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Job_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Experiment_specHash_idx" ON "Experiment"("specHash");

-- CreateIndex
CREATE INDEX "Experiment_createdAt_idx" ON "Experiment"("createdAt");

-- CreateIndex
CREATE INDEX "Run_experimentId_n_d_sigma_idx" ON "Run"("experimentId", "n", "d", "sigma");

-- CreateIndex
CREATE INDEX "Run_n_d_sigma_recovered_certified_distance_testError_idx" ON "Run"("n", "d", "sigma", "recovered", "certified", "distance", "testError");

-- CreateIndex
CREATE INDEX "Run_status_idx" ON "Run"("status");

-- CreateIndex
CREATE INDEX "Run_architecture_program_planted_data_idx" ON "Run"("architecture", "program", "planted", "data");

-- CreateIndex
CREATE UNIQUE INDEX "Weights_runId_role_key" ON "Weights"("runId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "Job_runId_key" ON "Job"("runId");

-- CreateIndex
CREATE INDEX "Job_status_id_idx" ON "Job"("status", "id");

-- CreateIndex
CREATE INDEX "Job_experimentId_status_idx" ON "Job"("experimentId", "status");
