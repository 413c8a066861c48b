-- DropIndex
DROP INDEX "AuditEvent_messageId_idx";

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "legalHold" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "legalHoldReason" TEXT,
ADD COLUMN     "retainUntil" TIMESTAMP(3),
ADD COLUMN     "shreddedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "totpEnabledAt" TIMESTAMP(3),
ADD COLUMN     "totpKeyId" TEXT,
ADD COLUMN     "totpLastStep" INTEGER,
ADD COLUMN     "totpSecretSealed" BYTEA;

-- CreateTable
CREATE TABLE "BreakGlassGrant" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "justification" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BreakGlassGrant_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BreakGlassGrant_userId_messageId_idx" ON "BreakGlassGrant"("userId", "messageId");

-- CreateIndex
CREATE INDEX "AuditEvent_type_seq_idx" ON "AuditEvent"("type", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_seq_idx" ON "AuditEvent"("actorId", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_messageId_seq_idx" ON "AuditEvent"("messageId", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_recipientId_seq_idx" ON "AuditEvent"("recipientId", "seq");

-- CreateIndex
CREATE INDEX "Message_retainUntil_idx" ON "Message"("retainUntil");

-- CreateIndex
CREATE INDEX "Recipient_outcomeAt_idx" ON "Recipient"("outcomeAt");

-- CreateIndex
CREATE INDEX "Recipient_domain_idx" ON "Recipient"("domain");

-- AddForeignKey
ALTER TABLE "BreakGlassGrant" ADD CONSTRAINT "BreakGlassGrant_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
