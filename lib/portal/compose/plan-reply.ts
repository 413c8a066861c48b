import type { Mailbox } from "@/lib/portal/compose/build-portal-mime";
import type { ReplyContext } from "@/lib/portal/compose/read-reply-context";

export type ReplyPlan = {
  subject: string;
  to: Mailbox[];
  cc: Mailbox[];
  inReplyTo: string | null;
  references: string[];
};

const MAX_REFERENCES = 20;

/**
 * Who a reply goes to and how it is threaded. Reply: the original's Reply-To or From. Reply-all adds the
 * original To and Cc (Bcc recipients are not known and stay private). The replier never writes to themselves,
 * and an address appears once (compared case-insensitively).
 */
export function planReply(original: ReplyContext, replier: string, all: boolean): ReplyPlan {
  const seen = new Set([replier.toLowerCase()]);
  const keep = (mailbox: Mailbox) => {
    const key = mailbox.address.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
  const to = original.replyTo.filter(keep);
  const cc = all ? [...original.to, ...original.cc].filter(keep) : [];
  // RFC 5322 §3.6.4: References = the parent's References (or In-Reply-To) plus the parent's Message-ID.
  // Long chains keep the first id (the thread's root) and the most recent ones.
  const chain = original.messageIdHeader ? [...original.references, original.messageIdHeader] : original.references;
  const references = chain.length > MAX_REFERENCES ? [chain[0]!, ...chain.slice(-(MAX_REFERENCES - 1))] : chain;
  return { subject: replySubject(original.subject), to, cc, inReplyTo: original.messageIdHeader, references };
}

/** "Re: <subject>", without stacking "Re: Re:" (RFC 5322 §3.6.5). */
function replySubject(subject: string): string {
  const trimmed = subject.trim();
  return /^re:/i.test(trimmed) ? trimmed : `Re: ${trimmed}`;
}
