-- AlterTable
ALTER TABLE "MailRecipient" ADD COLUMN     "language" TEXT NOT NULL DEFAULT 'en';

-- AlterTable
ALTER TABLE "Moderator" ADD COLUMN     "language" TEXT;

-- AlterTable
ALTER TABLE "Site" ADD COLUMN     "language" TEXT;
