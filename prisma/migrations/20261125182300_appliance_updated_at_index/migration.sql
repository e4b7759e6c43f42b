-- CreateIndex
CREATE INDEX "Appliance_updatedAt_idx" ON "Appliance"("updatedAt");
