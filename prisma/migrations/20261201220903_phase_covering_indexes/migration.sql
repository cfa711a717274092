-- DropIndex
DROP INDEX "Run_n_d_sigma_recovered_certified_distance_testError_idx";

-- DropIndex
DROP INDEX "Run_experimentId_n_d_sigma_idx";

-- CreateIndex
CREATE INDEX "Run_experimentId_n_d_sigma_recovered_certified_distance_testError_relDistance_cosine_support_idx" ON "Run"("experimentId", "n", "d", "sigma", "recovered", "certified", "distance", "testError", "relDistance", "cosine", "support");

-- CreateIndex
CREATE INDEX "Run_n_d_sigma_recovered_certified_distance_testError_relDistance_cosine_support_idx" ON "Run"("n", "d", "sigma", "recovered", "certified", "distance", "testError", "relDistance", "cosine", "support");
