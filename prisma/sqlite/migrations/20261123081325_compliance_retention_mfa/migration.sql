-- DropIndex
DROP INDEX "AuditEvent_messageId_idx";

-- AlterTable
ALTER TABLE "User" ADD COLUMN "totpEnabledAt" DATETIME;
ALTER TABLE "User" ADD COLUMN "totpKeyId" TEXT;
ALTER TABLE "User" ADD COLUMN "totpLastStep" INTEGER;
ALTER TABLE "User" ADD COLUMN "totpSecretSealed" BLOB;

-- CreateTable
CREATE TABLE "BreakGlassGrant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "justification" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    CONSTRAINT "BreakGlassGrant_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Message" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "source" TEXT NOT NULL,
    "senderUserId" TEXT,
    "envelopeFrom" TEXT NOT NULL,
    "fromName" TEXT NOT NULL,
    "fromAddress" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "forceEscrow" BOOLEAN NOT NULL DEFAULT false,
    "idempotencyKey" TEXT,
    "clientIp" TEXT,
    "wrappedDataKey" BLOB,
    "dataKeyId" TEXT NOT NULL,
    "threadId" TEXT,
    "inReplyToId" TEXT,
    "retainUntil" DATETIME,
    "legalHold" BOOLEAN NOT NULL DEFAULT false,
    "legalHoldReason" TEXT,
    "shreddedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Message_senderUserId_fkey" FOREIGN KEY ("senderUserId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Message_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "Thread" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Message" ("clientIp", "createdAt", "dataKeyId", "envelopeFrom", "forceEscrow", "fromAddress", "fromName", "id", "idempotencyKey", "inReplyToId", "senderUserId", "sizeBytes", "source", "threadId", "wrappedDataKey") SELECT "clientIp", "createdAt", "dataKeyId", "envelopeFrom", "forceEscrow", "fromAddress", "fromName", "id", "idempotencyKey", "inReplyToId", "senderUserId", "sizeBytes", "source", "threadId", "wrappedDataKey" FROM "Message";
DROP TABLE "Message";
ALTER TABLE "new_Message" RENAME TO "Message";
CREATE INDEX "Message_createdAt_idx" ON "Message"("createdAt");
CREATE INDEX "Message_threadId_idx" ON "Message"("threadId");
CREATE INDEX "Message_senderUserId_createdAt_idx" ON "Message"("senderUserId", "createdAt");
CREATE INDEX "Message_retainUntil_idx" ON "Message"("retainUntil");
CREATE UNIQUE INDEX "Message_senderUserId_idempotencyKey_key" ON "Message"("senderUserId", "idempotencyKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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
CREATE INDEX "Recipient_outcomeAt_idx" ON "Recipient"("outcomeAt");

-- CreateIndex
CREATE INDEX "Recipient_domain_idx" ON "Recipient"("domain");
