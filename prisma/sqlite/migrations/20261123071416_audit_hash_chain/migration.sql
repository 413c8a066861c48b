/*
  Warnings:

  - Added the required column `hash` to the `AuditEvent` table without a default value. This is not possible if the table is not empty.
  - Added the required column `prevHash` to the `AuditEvent` table without a default value. This is not possible if the table is not empty.

*/
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AuditEvent" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "type" TEXT NOT NULL,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "sourceIp" TEXT,
    "messageId" TEXT,
    "recipientId" TEXT,
    "outcome" TEXT NOT NULL,
    "data" TEXT NOT NULL DEFAULT '{}',
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL
);
INSERT INTO "new_AuditEvent" ("actorId", "actorType", "at", "data", "messageId", "outcome", "recipientId", "seq", "sourceIp", "type") SELECT "actorId", "actorType", "at", "data", "messageId", "outcome", "recipientId", "seq", "sourceIp", "type" FROM "AuditEvent";
DROP TABLE "AuditEvent";
ALTER TABLE "new_AuditEvent" RENAME TO "AuditEvent";
CREATE UNIQUE INDEX "AuditEvent_hash_key" ON "AuditEvent"("hash");
CREATE INDEX "AuditEvent_type_at_idx" ON "AuditEvent"("type", "at");
CREATE INDEX "AuditEvent_messageId_idx" ON "AuditEvent"("messageId");
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
