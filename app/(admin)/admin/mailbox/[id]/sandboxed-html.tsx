// Captured HTML is untrusted (it may quote sender-controlled names), so it is never put into the page itself.
// It renders in an iframe with an empty sandbox (no scripts, forms, popups, navigation or same-origin access)
// and a Content-Security-Policy that blocks every network load, so remote images cannot track the viewer.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

export function SandboxedHtml({ html, title }: { html: string; title: string }) {
  // A <meta> before the document's own markup is parsed into <head>, so the policy applies to all of it.
  const document = `<!doctype html><meta http-equiv="Content-Security-Policy" content="${CSP}"><meta charset="utf-8">${html}`;
  return (
    <iframe
      sandbox=""
      srcDoc={document}
      title={title}
      data-testid="mailbox-html"
      className="h-[28rem] w-full rounded-lg border border-slate-200 bg-white"
    />
  );
}
