-- CreateTable
CREATE TABLE "MailRecipient" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "confirmedAt" TIMESTAMP(3),
    "confirmationSentAt" TIMESTAMP(3),
    "unsubscribedAt" TIMESTAMP(3),
    "digestSentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MailRecipient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MailSubscription" (
    "id" TEXT NOT NULL,
    "recipientId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "commentId" TEXT,
    "articleId" TEXT,
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MailSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MailRecipient_email_key" ON "MailRecipient"("email");

-- CreateIndex
CREATE UNIQUE INDEX "MailSubscription_key_key" ON "MailSubscription"("key");

-- CreateIndex
CREATE INDEX "MailSubscription_recipientId_kind_idx" ON "MailSubscription"("recipientId", "kind");

-- CreateIndex
CREATE INDEX "MailSubscription_commentId_idx" ON "MailSubscription"("commentId");

-- CreateIndex
CREATE INDEX "MailSubscription_articleId_idx" ON "MailSubscription"("articleId");

-- AddForeignKey
ALTER TABLE "MailSubscription" ADD CONSTRAINT "MailSubscription_recipientId_fkey" FOREIGN KEY ("recipientId") REFERENCES "MailRecipient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MailSubscription" ADD CONSTRAINT "MailSubscription_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MailSubscription" ADD CONSTRAINT "MailSubscription_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;
