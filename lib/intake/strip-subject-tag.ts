/**
 * Removes every occurrence of the subject tag (case-insensitive, anywhere in the decoded subject) together
 * with the whitespace around it, so "Re: [secure] Contract" becomes "Re: Contract". The tag is an instruction
 * to Sealpost, not part of the message: it must not reach the recipient or the database.
 */
export function stripSubjectTag(subject: string, tag: string): { subject: string; tagged: boolean } {
  let tagged = false;
  const stripped = subject.replace(new RegExp(`\\s*${escapeRegExp(tag)}\\s*`, "giu"), () => {
    tagged = true;
    return " ";
  });
  return tagged ? { subject: stripped.trim(), tagged } : { subject, tagged };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
