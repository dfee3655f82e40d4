-- CreateTable
CREATE TABLE "RespectChange" (
    "id" TEXT NOT NULL,
    "networkKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RespectChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RespectChange_networkKey_createdAt_idx" ON "RespectChange"("networkKey", "createdAt");
