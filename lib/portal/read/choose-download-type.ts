// Types a browser or desktop opens without running anything from the file. HTML, SVG, XML and scripts are
// missing on purpose: opened from the portal's origin they could run script there.
const SAFE_TYPES = new Set([
  "application/pdf",
  "application/zip",
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "text/plain",
  "text/csv",
  "text/calendar",
  "application/msword",
  "application/vnd.ms-excel",
  "application/vnd.ms-powerpoint",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  "application/vnd.oasis.opendocument.text",
  "application/vnd.oasis.opendocument.spreadsheet",
]);

/** The Content-Type to download an attachment with: its own when on the safe list, else octet-stream. */
export function chooseDownloadType(declared: string): string {
  const type = declared.split(";")[0]?.trim().toLowerCase() ?? "";
  // Parameters are dropped: the bytes are the part as sent (transfer encoding undone, charset untouched).
  return SAFE_TYPES.has(type) ? type : "application/octet-stream";
}
