-- CreateIndex
CREATE INDEX "Article_siteId_createdByEmbed_createdAt_idx" ON "Article"("siteId", "createdByEmbed", "createdAt");
