import { buildContentDisposition } from "@/lib/portal/read/build-content-disposition";

/**
 * Headers for every download from the portal (attachments, .eml): always saved, never sniffed into something
 * renderable, never kept by a cache or proxy.
 */
export function downloadHeaders(input: { filename: string; contentType: string; size: number }): Headers {
  return new Headers({
    "Content-Type": input.contentType,
    "Content-Disposition": buildContentDisposition(input.filename),
    "Content-Length": String(input.size),
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
    // A downloaded HTML file opened in place still may not run script or load anything.
    "Content-Security-Policy": "default-src 'none'; sandbox",
  });
}
