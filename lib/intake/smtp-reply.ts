/**
 * An SMTP reply for smtp-server's handler callbacks: `responseCode` is the reply code, the message starts with
 * the enhanced status code (RFC 3463). smtp-server's own enhanced codes are off (they are chosen from the
 * reply code alone, so a 550 would always read 5.1.1 "bad mailbox"); ours are picked per refusal instead.
 */
export class SmtpReply extends Error {
  constructor(
    readonly responseCode: number,
    readonly enhancedCode: string,
    text: string,
  ) {
    super(`${enhancedCode} ${text}`);
    this.name = "SmtpReply";
  }
}

export const smtpReplies = {
  // RFC 4954 §6: authentication is required for the requested action (relaying from outside the allow-list).
  authenticationRequired: () =>
    new SmtpReply(530, "5.7.0", "Authentication required: this address may not relay without SMTP AUTH (STARTTLS first)"),
  // RFC 4954 §6 / RFC 3463 X.7.8.
  invalidCredentials: () => new SmtpReply(535, "5.7.8", "Authentication failed: use your email address and an API token"),
  // Postfix's reject_sender_login_mismatch answers the same way.
  senderNotOwned: (email: string) => new SmtpReply(553, "5.7.1", `Sender address rejected: not owned by ${email}`),
  tooManyRefusals: () => new SmtpReply(421, "4.7.0", "Too many refused transactions, closing connection"),
  badRecipient: () => new SmtpReply(501, "5.1.3", "Bad recipient address syntax"),
  // RFC 5321 §4.5.3.1.10: 452 (not 552) so the client sends the remaining recipients in another transaction.
  tooManyRecipients: (max: number) => new SmtpReply(452, "4.5.3", `Too many recipients (at most ${max} per message)`),
  // RFC 1870 §6.3 and RFC 3463 X.3.4.
  tooBig: (max: number) => new SmtpReply(552, "5.3.4", `Message too big: the limit is ${max} bytes`),
  // RFC 5321 §2.3.8: lines end with CRLF only. X.5.2 (syntax error) as Postfix's smtpd_forbid_bare_newline.
  bareLineBreak: () => new SmtpReply(550, "5.5.2", "Bare <LF> or <CR> in message data: lines must end with <CR><LF>"),
  // RFC 5321 §4.5.3.1.6 caps a text line at 1000 octets with CRLF, and its limit examples answer
  // "500 Line too long"; X.6.0 because the content, not a command, broke the limit.
  lineTooLong: () => new SmtpReply(500, "5.6.0", "Line too long: lines may hold at most 998 characters"),
  malformed: (detail: string) => new SmtpReply(550, "5.6.0", detail),
  // RFC 5321 §4.2.5: a 4yz reply after DATA means the client keeps the message and retries.
  tryLater: () => new SmtpReply(451, "4.3.0", "Temporary failure storing the message, try again later"),
} as const;
