-- DropIndex
DROP INDEX "Run_n_d_sigma_recovered_certified_distance_testError_relDistance_cosine_support_idx";

-- DropIndex
DROP INDEX "Run_experimentId_n_d_sigma_recovered_certified_distance_testError_relDistance_cosine_support_idx";

-- CreateIndex
CREATE INDEX "Run_experimentId_n_d_sigma_relDistance_recovered_certified_distance_testError_cosine_support_idx" ON "Run"("experimentId", "n", "d", "sigma", "relDistance", "recovered", "certified", "distance", "testError", "cosine", "support");

-- CreateIndex
CREATE INDEX "Run_n_d_sigma_relDistance_recovered_certified_distance_testError_cosine_support_idx" ON "Run"("n", "d", "sigma", "relDistance", "recovered", "certified", "distance", "testError", "cosine", "support");
