import MailComposer from "nodemailer/lib/mail-composer";
import { hashPassword } from "@/lib/auth/passwords";
import { getDb } from "@/lib/db";
import { escrowRecipient } from "@/lib/escrow/escrow-recipient";
import { acceptMessage } from "@/lib/intake/accept-message";

export type SeedAttachment = { filename: string; content: Buffer | string; contentType?: string; cid?: string };

export type SeedMessage = {
  to: string[];
  from?: string;
  subject?: string;
  html?: string;
  text?: string;
  attachments?: SeedAttachment[];
  senderUserId?: string | null;
};

/** A real MIME message (nodemailer's composer), for tests that need HTML bodies, attachments and odd headers. */
async function buildMime(input: SeedMessage): Promise<Buffer> {
  const composer = new MailComposer({
    from: input.from ?? "Alice Sender <alice@sender.test>",
    to: input.to.join(", "),
    subject: input.subject ?? "Test message",
    html: input.html,
    text: input.text ?? (input.html ? undefined : "Plain text body."),
    attachments: input.attachments,
  });
  return composer.compile().build();
}

/**
 * Takes a message in through the real intake (sealed, committed) and escrows every recipient the way the
 * worker does (escrowRecipient: status, notify job, audit), without running delivery.
 */
export async function seedEscrowedMessage(input: SeedMessage): Promise<{ messageId: string; recipients: { id: string; address: string }[] }> {
  const accepted = await acceptMessage({
    source: "api",
    raw: await buildMime(input),
    envelopeFrom: "alice@sender.test",
    recipients: input.to,
    senderUserId: input.senderUserId ?? null,
    actor: { type: "system" },
  });
  await getDb().$transaction(async (tx) => {
    for (const row of accepted.recipients) {
      await escrowRecipient(tx, { recipientId: row.id, messageId: accepted.messageId, failureClass: null, reason: "test" });
    }
  });
  return { messageId: accepted.messageId, recipients: accepted.recipients };
}

/** A portal account with a password (argon2id), e.g. an external recipient. */
export async function createTestUser(input: { email: string; name: string; role: "admin" | "sender" | "recipient"; password?: string }): Promise<{ id: string; email: string; name: string; role: "admin" | "sender" | "recipient" }> {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const user = await getDb().$transaction((tx) =>
    tx.user.create({ data: { email: input.email, name: input.name, role: input.role, passwordHash, emailVerifiedAt: new Date() } }),
  );
  return { id: user.id, email: user.email, name: user.name, role: input.role };
}
