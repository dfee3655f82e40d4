-- AlterTable
ALTER TABLE "Article" ADD COLUMN     "createdByEmbed" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Report" ADD COLUMN     "reporterNetwork" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Site" ADD COLUMN     "secret" TEXT;

-- CreateIndex
CREATE INDEX "Report_reporterNetwork_createdAt_idx" ON "Report"("reporterNetwork", "createdAt");
