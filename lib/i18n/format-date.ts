// Server-rendered times are shown in UTC and labelled so, because the server does not know the reader's zone.
const formatter = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

export function formatDateTime(date: Date): string {
  return `${formatter.format(date)} UTC`;
}
