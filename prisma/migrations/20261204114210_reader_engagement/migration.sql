-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "deletedAt" TIMESTAMP(3),
ADD COLUMN     "featuredAt" TIMESTAMP(3),
ADD COLUMN     "respectCount" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "Respect" (
    "id" TEXT NOT NULL,
    "commentId" TEXT NOT NULL,
    "readerKey" TEXT NOT NULL,
    "networkKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Respect_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommentRevision" (
    "id" TEXT NOT NULL,
    "commentId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "writtenAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommentRevision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Respect_networkKey_createdAt_idx" ON "Respect"("networkKey", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Respect_commentId_readerKey_key" ON "Respect"("commentId", "readerKey");

-- CreateIndex
CREATE INDEX "CommentRevision_commentId_createdAt_idx" ON "CommentRevision"("commentId", "createdAt");

-- CreateIndex
CREATE INDEX "Comment_articleId_featuredAt_idx" ON "Comment"("articleId", "featuredAt");

-- AddForeignKey
ALTER TABLE "Respect" ADD CONSTRAINT "Respect_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommentRevision" ADD CONSTRAINT "CommentRevision_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
