const LF = 0x0a;
const CR = 0x0d;
// RFC 5321 §4.5.3.1.6: a text line is at most 1000 octets including the CRLF (RFC 5322 §2.1.1: 998 + CRLF).
const MAX_LINE_OCTETS = 1000;

export type LineViolation = "bare-line-break" | "line-too-long";

/**
 * Checks message data as received after DATA. Every line must end with CRLF: a lone LF or CR is what SMTP
 * smuggling (CVE-2023-51764 Postfix, CVE-2023-51765 Sendmail, CVE-2023-51766 Exim) hides "<LF>.<LF>" or
 * "<CR>.<CR>" behind. smtp-server only ends DATA at "<CRLF>.<CRLF>", so such bytes would arrive here as
 * content; relayed on by a server that normalises line endings, they would end the message early and turn
 * the rest into commands. Uses Buffer.indexOf so a 25 MB message is scanned in native code.
 */
export function findLineViolation(data: Buffer): LineViolation | null {
  for (let cr = data.indexOf(CR); cr !== -1; cr = data.indexOf(CR, cr + 1)) {
    if (data[cr + 1] !== LF) return "bare-line-break";
  }
  let lineStart = 0;
  for (let lf = data.indexOf(LF); lf !== -1; lf = data.indexOf(LF, lf + 1)) {
    if (lf === 0 || data[lf - 1] !== CR) return "bare-line-break";
    if (lf + 1 - lineStart > MAX_LINE_OCTETS) return "line-too-long";
    lineStart = lf + 1;
  }
  return data.length - lineStart > MAX_LINE_OCTETS - 2 ? "line-too-long" : null;
}
