-- AlterTable
ALTER TABLE "Site" ADD COLUMN     "themeStylesheetUrl" TEXT;
