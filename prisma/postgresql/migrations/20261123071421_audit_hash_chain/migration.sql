/*
  Warnings:

  - A unique constraint covering the columns `[hash]` on the table `AuditEvent` will be added. If there are existing duplicate values, this will fail.
  - Added the required column `hash` to the `AuditEvent` table without a default value. This is not possible if the table is not empty.
  - Added the required column `prevHash` to the `AuditEvent` table without a default value. This is not possible if the table is not empty.

*/
-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "hash" TEXT NOT NULL,
ADD COLUMN     "prevHash" TEXT NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_hash_key" ON "AuditEvent"("hash");
