import { getDb } from "@/lib/db";

export type CapturedMail = { envelopeFrom: string; envelopeTo: string; subject: string; text: string; html: string };

/**
 * Keeps a copy of an outbound notification for the admin-only dev mailbox page, so someone trying Sealpost on
 * one machine (no relay, no route to the internet) can still follow the whole story. Notifications are
 * content-free by construction, so the copy holds no message content.
 */
export async function captureDevMail(mail: CapturedMail): Promise<void> {
  // A transaction rather than a bare create: Prisma's SQLite adapter shares one connection, and a bare write
  // could land inside (and roll back with) another job's open transaction.
  await getDb().$transaction(async (tx) => {
    await tx.devMailboxMessage.create({ data: mail });
  });
}
