import { randomUUID } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { recordAccessDenied } from "@/lib/auth/record-access-denied";
import { AccessDeniedError, hasRole, type Actor } from "@/lib/auth/roles";
import { getConfig } from "@/lib/config";
import { getDb, type Tx } from "@/lib/db";
import { acceptMessage, type AcceptedInsert } from "@/lib/intake/accept-message";
import { normalizeAddress } from "@/lib/intake/normalize-recipients";
import { buildPortalMime } from "@/lib/portal/compose/build-portal-mime";
import { ComposeError } from "@/lib/portal/compose/compose-error";
import { CONTACT_ROLES } from "@/lib/portal/compose/list-staff-contacts";
import { prepareAttachments, type UploadedFile } from "@/lib/portal/compose/prepare-attachments";
import { MAX_BODY_CHARS, type SentMessage } from "@/lib/portal/compose/send-reply";
import { toComposeError } from "@/lib/portal/compose/to-compose-error";
import { hashPassphrase } from "@/lib/portal/passphrase/hash-passphrase";
import { MAX_PASSPHRASE_LENGTH, MIN_PASSPHRASE_LENGTH } from "@/lib/portal/passphrase/passphrase-policy";
import type { AccessContext } from "@/lib/portal/require-message-access";

const MAX_SUBJECT_CHARS = 200;
export const MAX_EXPIRY_DAYS = 365;
const DAY_MS = 86_400_000;

export type ComposeInput = {
  to: string[];
  subject: string;
  text: string;
  attachments: UploadedFile[];
  /** Senders only: "always use the portal", whatever the recipient's mail server offers. */
  forceEscrow?: boolean;
  /** Senders only: required before each recipient can open the message (shared out of band). */
  passphrase?: string | null;
  /** Senders only: portal access ends this many days after sending. */
  expiryDays?: number | null;
  idempotencyKey?: string | null;
};

/**
 * A new secure message written in the portal, through the same pipeline as SMTP and API mail, in a new thread.
 * Recipients (role recipient) may write only to the organisation's senders and admins: the portal must not let
 * an outside account send mail to arbitrary addresses in the organisation's name. Senders and admins may write
 * to anyone and choose the portal, a passphrase and an expiry.
 * The passphrase and expiry are written in the accept transaction, not after it: a crash in between must not
 * leave a message that was meant to be locked openable without its passphrase. A passphrase also sends the
 * message to the portal, the only place it protects anything.
 * @throws AccessDeniedError (audited) for compliance users; ComposeError for input the person must fix, including
 * "not-staff" (also audited as `access.denied`) when a recipient addresses someone outside the staff.
 */
export async function composeMessage(actor: Actor, input: ComposeInput, ctx: AccessContext = {}): Promise<SentMessage> {
  if (!hasRole(actor, ["recipient", "sender", "admin"])) {
    await recordAccessDenied({ actor, resource: "compose", reason: "role", sourceIp: ctx.sourceIp });
    throw new AccessDeniedError(actor.id, "compose");
  }
  const isStaff = actor.role !== "recipient";
  const to = parseAddresses(input.to);
  const subject = input.subject.replace(/[\p{Cc}\p{Cf}]+/gu, " ").trim();
  if (subject === "") throw new ComposeError("subject-required");
  if (subject.length > MAX_SUBJECT_CHARS) throw new ComposeError("subject-too-long", String(MAX_SUBJECT_CHARS));
  if (input.text.length > MAX_BODY_CHARS) throw new ComposeError("body-too-long", String(MAX_BODY_CHARS));
  const passphrase = isStaff && input.passphrase ? input.passphrase : null;
  if (passphrase && (passphrase.length < MIN_PASSPHRASE_LENGTH || passphrase.length > MAX_PASSPHRASE_LENGTH)) {
    throw new ComposeError("passphrase-invalid", String(MIN_PASSPHRASE_LENGTH));
  }
  const expiryDays = isStaff ? (input.expiryDays ?? null) : null;
  if (expiryDays !== null && (!Number.isInteger(expiryDays) || expiryDays < 1 || expiryDays > MAX_EXPIRY_DAYS)) {
    throw new ComposeError("expiry-invalid", String(MAX_EXPIRY_DAYS));
  }
  if (!isStaff) await requireStaffAddresses(actor, to, ctx);

  const maxBytes = getConfig().SMTP_MAX_MESSAGE_BYTES;
  const attachments = await prepareAttachments(input.attachments, maxBytes);
  const messageId = randomUUID();
  const raw = await buildPortalMime({
    messageId,
    from: { name: actor.name, address: actor.email },
    to: to.map((address) => ({ name: "", address })),
    subject,
    text: input.text,
    attachments,
  });
  if (raw.length > maxBytes) throw new ComposeError("too-large");
  // argon2 before the transaction: hashing must not hold the SQLite write lock.
  const passphraseHash = passphrase ? await hashPassphrase(passphrase) : null;

  const protect = async (tx: Tx, accepted: AcceptedInsert) => {
    const ids = accepted.recipients.map((recipient) => recipient.id);
    if (expiryDays !== null) {
      await tx.recipient.updateMany({ where: { id: { in: ids } }, data: { expiresAt: new Date(Date.now() + expiryDays * DAY_MS) } });
    }
    if (!passphraseHash) return;
    await tx.recipient.updateMany({ where: { id: { in: ids } }, data: { passphraseHash } });
    for (const recipientId of ids) {
      await recordAuditEvent(tx, {
        type: "passphrase.set",
        actorType: "user",
        actorId: actor.id,
        sourceIp: ctx.sourceIp ?? null,
        messageId: accepted.messageId,
        recipientId,
        outcome: "success",
        data: { replaced: false },
      });
    }
  };

  try {
    const accepted = await acceptMessage({
      source: "portal",
      raw,
      envelopeFrom: actor.email,
      recipients: to,
      senderUserId: actor.id,
      clientIp: ctx.sourceIp ?? null,
      idempotencyKey: input.idempotencyKey ?? null,
      forceEscrow: isStaff && (Boolean(input.forceEscrow) || passphraseHash !== null),
      actor: { type: "user", id: actor.id },
      messageId,
      afterInsert: protect,
    });
    return { messageId: accepted.messageId, duplicate: accepted.duplicate, recipients: accepted.recipients.length };
  } catch (error) {
    throw toComposeError(error);
  }
}

/** Validated, de-duplicated addresses; the first invalid one is named back to the person. */
function parseAddresses(inputs: string[]): string[] {
  const seen = new Set<string>();
  const addresses: string[] = [];
  for (const input of inputs.map((value) => value.trim()).filter(Boolean)) {
    const normalized = normalizeAddress(input);
    if (!normalized) throw new ComposeError("invalid-address", input.slice(0, 320));
    if (seen.has(normalized.address.toLowerCase())) continue;
    seen.add(normalized.address.toLowerCase());
    addresses.push(normalized.address);
  }
  if (addresses.length === 0) throw new ComposeError("no-recipients");
  if (addresses.length > getConfig().SMTP_MAX_RECIPIENTS) throw new ComposeError("too-many-recipients", String(getConfig().SMTP_MAX_RECIPIENTS));
  return addresses;
}

/** A recipient account may write only to active senders and admins; anything else is refused and audited. */
async function requireStaffAddresses(actor: Actor, addresses: string[], ctx: AccessContext): Promise<void> {
  const staff = await getDb().user.findMany({
    where: { email: { in: addresses.map((address) => address.toLowerCase()) }, role: { in: CONTACT_ROLES }, deactivatedAt: null },
    select: { email: true },
  });
  const known = new Set(staff.map((user) => user.email));
  const outside = addresses.find((address) => !known.has(address.toLowerCase()));
  if (!outside) return;
  await recordAccessDenied({ actor, resource: "compose", reason: "not-staff", sourceIp: ctx.sourceIp });
  throw new ComposeError("not-staff", outside);
}
