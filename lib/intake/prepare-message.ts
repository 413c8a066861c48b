import { randomUUID } from "node:crypto";
import type { AcceptMessageInput } from "@/lib/intake/accept-message";
import { createDataKey, sealPart } from "@/lib/escrow/envelope";
import { getKeyRing } from "@/lib/escrow/key-ring";
import { normalizeLineEndings } from "@/lib/intake/normalize-line-endings";
import { parseMessageHeaders } from "@/lib/intake/parse-message-headers";
import { rewriteSubjectHeader } from "@/lib/intake/rewrite-subject-header";
import { readThreadReferences, type ThreadReferences } from "@/lib/intake/sealpost-message-id";
import { stripSubjectTag } from "@/lib/intake/strip-subject-tag";

/** A message parsed and sealed, ready to be written: everything that needs no database happens before. */
export type PreparedMessage = {
  input: AcceptMessageInput;
  messageId: string;
  recipients: { id: string; address: string; domain: string }[];
  fromName: string;
  fromAddress: string;
  sizeBytes: number;
  /** The sender or the subject tag asked for the portal (a secure thread may still force it later). */
  requestedEscrow: boolean;
  references: ThreadReferences;
  wrappedDataKey: Buffer<ArrayBuffer>;
  dataKeyId: string;
  sealedSubject: Buffer<ArrayBuffer>;
  sealedMime: Buffer<ArrayBuffer>;
  receivedAt: Date;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Strips the subject tag and seals subject and MIME under a fresh data key. Runs outside any transaction, so
 * parsing and encryption never hold the database's write lock.
 */
export async function prepareMessage(
  input: AcceptMessageInput,
  recipients: { address: string; domain: string }[],
  subjectTag: string,
): Promise<PreparedMessage> {
  const received = normalizeLineEndings(input.raw);
  const headers = await parseMessageHeaders(received);
  const { subject, tagged } = stripSubjectTag(headers.subject, subjectTag);
  const raw = tagged && headers.subjectField ? rewriteSubjectHeader(received, headers.subjectField, subject) : received;

  // The id exists before the row so the ciphertexts' associated data can name it (lib/escrow/envelope.ts).
  const messageId = input.messageId ?? randomUUID();
  if (!UUID.test(messageId)) throw new Error("acceptMessage: messageId must be a lower-case UUID.");
  const { dataKey, wrappedDataKey, dataKeyId } = createDataKey(getKeyRing(), messageId);
  const sealedSubject = sealPart(dataKey, messageId, "subject", Buffer.from(subject, "utf8"));
  const sealedMime = sealPart(dataKey, messageId, "mime", raw);
  dataKey.fill(0);
  return {
    input,
    messageId,
    recipients: recipients.map((recipient) => ({ id: randomUUID(), ...recipient })),
    fromName: headers.from?.name ?? "",
    fromAddress: headers.from?.address ?? input.envelopeFrom,
    sizeBytes: raw.length,
    requestedEscrow: Boolean(input.forceEscrow) || tagged,
    references: readThreadReferences(received, headers.block),
    wrappedDataKey,
    dataKeyId,
    sealedSubject,
    sealedMime,
    receivedAt: new Date(),
  };
}
