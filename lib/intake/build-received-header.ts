/**
 * The trace field a relay must prepend (RFC 5321 §4.4), e.g.
 * `Received: from mail.example.com ([192.0.2.1]) by smtp.sealpost.example with ESMTPSA; <date>`.
 * `protocol` is smtp-server's transmission type (SMTP, ESMTP, ESMTPS, ESMTPSA: RFC 3848). No "for" clause:
 * it would disclose the other recipients of a multi-recipient message.
 */
export function buildReceivedHeader(input: { helo: string; clientIp: string; serverName: string; protocol: string; at: Date }): string {
  // The HELO name comes from the client: keep only characters that cannot break the field.
  const helo = input.helo.replace(/[^A-Za-z0-9.:\-[\]]/g, "").slice(0, 255) || "unknown";
  const ip = input.clientIp.replace(/^::ffff:(?=\d+\.)/i, "");
  const protocol = /^[A-Z]{3,8}$/.test(input.protocol) ? input.protocol : "ESMTP";
  return `Received: from ${helo} ([${ip}])\r\n\tby ${input.serverName} with ${protocol};\r\n\t${rfc5322Date(input.at)}\r\n`;
}

/** RFC 5322 §3.3 date-time in UTC, e.g. "Mon, 23 Nov 2026 05:30:00 +0000". */
function rfc5322Date(at: Date): string {
  return at.toUTCString().replace(/GMT$/, "+0000");
}
