import type { Actor } from "@/lib/auth/roles";
import type { Mailbox } from "@/lib/portal/compose/build-portal-mime";
import { planReply } from "@/lib/portal/compose/plan-reply";
import { readReplyContext } from "@/lib/portal/compose/read-reply-context";
import { requireRecipientAccess, type AccessContext } from "@/lib/portal/require-message-access";

export type ReplyDraft = {
  recipientId: string;
  subject: string;
  to: Mailbox[];
  cc: Mailbox[];
};

/**
 * What the reply form shows before anything is written: subject and who the reply (or reply-all) goes to.
 * Gated like every read of a message (requireRecipientAccess; denials audited and thrown).
 */
export async function getReplyDraft(actor: Actor, recipientId: string, all: boolean, ctx: AccessContext = {}): Promise<ReplyDraft> {
  const { recipient, message } = await requireRecipientAccess(actor, recipientId, ctx);
  const context = await readReplyContext(message.id, { name: message.fromName, address: message.fromAddress });
  const plan = planReply(context, actor.email, all);
  const to = plan.to.length > 0 ? plan.to : plan.cc;
  return {
    recipientId: recipient.id,
    subject: plan.subject,
    to,
    cc: plan.to.length > 0 ? plan.cc : [],
  };
}
