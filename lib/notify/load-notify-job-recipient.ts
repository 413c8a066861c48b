import { getDb } from "@/lib/db";
import type { ClaimedJob } from "@/lib/queue/claim-jobs";

export type NotifyJobRecipient = {
  id: string;
  address: string;
  status: string;
  outcomeClass: string | null;
  notifiedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date | null;
  firstViewedAt: Date | null;
  receiptSentAt: Date | null;
  message: {
    id: string;
    fromName: string;
    fromAddress: string;
    envelopeFrom: string;
    createdAt: Date;
    /** Set once retention destroyed the content: there is nothing left to read. */
    shreddedAt: Date | null;
    /** The portal account that sent it, when there is one (receipts go to its address). */
    sender: { email: string } | null;
  };
};

/**
 * The recipient a notify job is about, with what any notice needs to know of its message; null when the job
 * names none (a notice job left over after its recipient was removed). Metadata only: nothing sealed is read.
 */
export async function loadNotifyJobRecipient(job: ClaimedJob): Promise<NotifyJobRecipient | null> {
  if (!job.recipientId) return null;
  return getDb().recipient.findUnique({
    where: { id: job.recipientId },
    select: {
      id: true,
      address: true,
      status: true,
      outcomeClass: true,
      notifiedAt: true,
      revokedAt: true,
      expiresAt: true,
      firstViewedAt: true,
      receiptSentAt: true,
      message: {
        select: {
          id: true, fromName: true, fromAddress: true, envelopeFrom: true, createdAt: true, shreddedAt: true,
          sender: { select: { email: true } },
        },
      },
    },
  });
}
