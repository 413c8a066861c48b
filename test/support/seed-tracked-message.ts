import { getDb } from "@/lib/db";
import { escrowRecipient } from "@/lib/escrow/escrow-recipient";
import { acceptMessage } from "@/lib/intake/accept-message";

export type TrackedMessage = { messageId: string; ritaId: string; tomId: string };

/**
 * A sender's message with both outcomes already recorded, as the worker would have left them:
 * rita@plain.example was escrowed (mx1.example.com offered no STARTTLS) and tom@tls.example got it over TLS 1.3.
 * Its deliver jobs are done, so a worker started by the test only sends the notification.
 */
export async function seedTrackedMessage(sender: { id: string; email: string; name: string }): Promise<TrackedMessage> {
  const raw = Buffer.from(`From: ${sender.name} <${sender.email}>\r\nTo: rita@plain.example, tom@tls.example\r\nSubject: Board pack\r\n\r\nConfidential\r\n`);
  const accepted = await acceptMessage({
    source: "api", raw, envelopeFrom: sender.email, recipients: ["rita@plain.example", "tom@tls.example"], senderUserId: sender.id, actor: { type: "user", id: sender.id },
  });
  const messageId = accepted.messageId;
  const rita = accepted.recipients.find((r) => r.address === "rita@plain.example")!;
  const tom = accepted.recipients.find((r) => r.address === "tom@tls.example")!;
  await getDb().$transaction(async (tx) => {
    await tx.job.updateMany({ where: { messageId, kind: "deliver" }, data: { doneAt: new Date() } });
    await tx.deliveryAttempt.create({
      data: { recipientId: rita.id, startedAt: new Date(), durationMs: 40, mxHost: "mx1.example.com", mxIp: "192.0.2.25", port: 25, starttlsOffered: false, smtpReplies: "[]", failureClass: "starttls-not-supported", outcome: "failed" },
    });
    await escrowRecipient(tx, { recipientId: rita.id, messageId, failureClass: "starttls-not-supported", reason: "no STARTTLS" });
    await tx.deliveryAttempt.create({
      data: {
        recipientId: tom.id, startedAt: new Date(), durationMs: 55, mxHost: "mx.tls.example", mxIp: "192.0.2.26", port: 25, starttlsOffered: true,
        tlsProtocol: "TLSv1.3", tlsCipher: "TLS_AES_256_GCM_SHA384", certSubject: "CN=mx.tls.example", certIssuer: "CN=Test CA", certFingerprint: "AB:CD:EF",
        certValidFrom: new Date("2026-01-01T00:00:00Z"), certValidTo: new Date("2027-01-01T00:00:00Z"), smtpReplies: "[]", outcome: "delivered",
      },
    });
    await tx.recipient.update({ where: { id: tom.id }, data: { status: "delivered", outcomeAt: new Date(), tlsProtocol: "TLSv1.3", tlsCipher: "TLS_AES_256_GCM_SHA384" } });
  });
  return { messageId, ritaId: rita.id, tomId: tom.id };
}
