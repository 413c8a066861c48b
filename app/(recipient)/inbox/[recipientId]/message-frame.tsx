// Why a sandboxed iframe and not the page itself: even sanitised, message HTML keeps inline styles, and a
// style such as position:fixed could lay a fake sign-in form over the portal. In a frame it can only paint its
// own box. The frame is the second wall behind the sanitiser (lib/portal/read/sanitize-message-html.ts):
// - sandbox without allow-scripts / allow-same-origin / allow-forms: nothing runs, the frame has an opaque
//   origin (no cookies, no access to the portal), and forms cannot submit. allow-popups(+-to-escape-sandbox)
//   lets links open normally in a new tab, which is the only thing a reader needs from the frame;
// - a CSP that blocks every load except inline styles and embedded (data:) images, plus remote images only
//   after the reader chose "Load images"; no-referrer, so a loaded image does not learn the portal URL.

function frameCsp(allowRemoteImages: boolean): string {
  const images = allowRemoteImages ? "data: https: http:" : "data:";
  return `default-src 'none'; style-src 'unsafe-inline'; img-src ${images}; font-src data:; form-action 'none'; base-uri 'none'`;
}

// The portal's own styles for the message: readable defaults, nothing overflowing the frame, and each link's
// real target printed after it (the sanitiser drops links that are not http, https or mailto).
const FRAME_STYLE = `
body { margin: 0; padding: 16px; font: 16px/1.5 system-ui, sans-serif; color: #0f172a; background: #fff; overflow-wrap: anywhere; }
img, table { max-width: 100%; }
img.sp-blocked { display: inline-block; min-width: 24px; min-height: 24px; background: #f1f5f9; border: 1px dashed #94a3b8; }
a { color: #0b5e58; }
a[href]::after { content: " (" attr(href) ")"; font-size: 0.8em; color: #475569; word-break: break-all; }
pre { white-space: pre-wrap; }
`;

export function MessageFrame({ html, allowRemoteImages, title }: { html: string; allowRemoteImages: boolean; title: string }) {
  // The policy <meta> comes first, so the browser applies it before parsing any of the message's markup.
  const document =
    `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${frameCsp(allowRemoteImages)}">` +
    `<meta charset="utf-8"><meta name="referrer" content="no-referrer"><base target="_blank">` +
    `<style>${FRAME_STYLE}</style></head><body>${html}</body></html>`;
  return (
    <iframe
      sandbox="allow-popups allow-popups-to-escape-sandbox"
      referrerPolicy="no-referrer"
      srcDoc={document}
      title={title}
      data-testid="message-html"
      className="h-[70vh] min-h-80 w-full rounded-lg border border-slate-200 bg-white"
    />
  );
}
