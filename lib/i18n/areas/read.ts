// Strings for reading a secure message (/inbox/[recipientId], its print view and downloads) and for the read
// receipt email the sender gets.

function formatSize(bytes: number, units: [string, string, string]): string {
  if (bytes < 1024) return `${bytes} ${units[0]}`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} ${units[1]}`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} ${units[2]}`;
}

const en = {
  pageTitle: "Secure message",
  printPageTitle: "Print secure message",
  backToInbox: "Back to your inbox",
  from: "From",
  to: "To",
  cc: "Cc",
  date: "Date",
  subject: "Subject",
  noSubject: "(no subject)",
  body: "Message",
  frameTitle: "Message text",
  attachments: "Attachments",
  download: (name: string) => `Download ${name}`,
  downloadButton: "Download",
  reply: "Reply",
  size: (bytes: number) => formatSize(bytes, ["bytes", "KB", "MB"]),
  imagesBlocked: (count: number) =>
    count === 1
      ? "1 image from the internet was blocked. Loading it can tell the sender when and where you read this message."
      : `${count} images from the internet were blocked. Loading them can tell the sender when and where you read this message.`,
  loadImages: "Load images",
  imagesShown: "Images from the internet are shown for this view only.",
  blockImages: "Block images again",
  linksNote: "Links open in a new tab. The address each link really goes to is shown next to it.",
  actions: "Message actions",
  downloadEml: "Download as .eml file",
  print: "Print",
  printNow: "Print this page",
  revokedTitle: "The sender withdrew this message",
  revokedBody: (sender: string) => `${sender} withdrew your access to this message. If you still need it, contact them directly.`,
  expiredTitle: "This message has expired",
  expiredBody: (date: string) => `This message expired on ${date}. If you still need it, ask the sender to send it again.`,
  unavailableTitle: "This message cannot be shown",
  unavailableBody: "Its content is no longer stored here. If you still need it, ask the sender to send it again.",
  receipt: {
    subject: (address: string) => `Opened: your secure message to ${address}`,
    preheader: (address: string, at: string) => `${address} opened it on ${at}.`,
    heading: (address: string) => `${address} opened your secure message`,
    body: (address: string, sentAt: string, openedAt: string) =>
      `The secure message you sent on ${sentAt} was opened by ${address} on ${openedAt}.`,
    contentFree: "This receipt only reports when the message was opened; it never contains the message itself.",
    action: "See the message's history",
    footer: (org: string) => `Sent automatically by ${org}. Replies to this address are not read.`,
  },
};

const de: typeof en = {
  pageTitle: "Sichere Nachricht",
  printPageTitle: "Sichere Nachricht drucken",
  backToInbox: "Zurück zum Posteingang",
  from: "Von",
  to: "An",
  cc: "Cc",
  date: "Datum",
  subject: "Betreff",
  noSubject: "(kein Betreff)",
  body: "Nachricht",
  frameTitle: "Nachrichtentext",
  attachments: "Anhänge",
  download: (name: string) => `${name} herunterladen`,
  downloadButton: "Herunterladen",
  reply: "Antworten",
  size: (bytes: number) => formatSize(bytes, ["Byte", "KB", "MB"]),
  imagesBlocked: (count: number) =>
    count === 1
      ? "1 Bild aus dem Internet wurde blockiert. Wenn Sie es laden, kann der Absender erfahren, wann und wo Sie diese Nachricht lesen."
      : `${count} Bilder aus dem Internet wurden blockiert. Wenn Sie sie laden, kann der Absender erfahren, wann und wo Sie diese Nachricht lesen.`,
  loadImages: "Bilder laden",
  imagesShown: "Bilder aus dem Internet werden nur in dieser Ansicht angezeigt.",
  blockImages: "Bilder wieder blockieren",
  linksNote: "Links öffnen sich in einem neuen Tab. Neben jedem Link steht die Adresse, zu der er tatsächlich führt.",
  actions: "Aktionen für diese Nachricht",
  downloadEml: "Als .eml-Datei herunterladen",
  print: "Drucken",
  printNow: "Diese Seite drucken",
  revokedTitle: "Der Absender hat diese Nachricht zurückgezogen",
  revokedBody: (sender: string) =>
    `${sender} hat Ihren Zugriff auf diese Nachricht zurückgezogen. Wenn Sie sie noch brauchen, wenden Sie sich direkt an den Absender.`,
  expiredTitle: "Diese Nachricht ist abgelaufen",
  expiredBody: (date: string) => `Diese Nachricht ist am ${date} abgelaufen. Wenn Sie sie noch brauchen, bitten Sie den Absender, sie erneut zu senden.`,
  unavailableTitle: "Diese Nachricht kann nicht angezeigt werden",
  unavailableBody: "Ihr Inhalt ist hier nicht mehr gespeichert. Wenn Sie sie noch brauchen, bitten Sie den Absender, sie erneut zu senden.",
  receipt: {
    subject: (address: string) => `Geöffnet: Ihre sichere Nachricht an ${address}`,
    preheader: (address: string, at: string) => `${address} hat sie am ${at} geöffnet.`,
    heading: (address: string) => `${address} hat Ihre sichere Nachricht geöffnet`,
    body: (address: string, sentAt: string, openedAt: string) =>
      `Die sichere Nachricht, die Sie am ${sentAt} gesendet haben, wurde am ${openedAt} von ${address} geöffnet.`,
    contentFree: "Diese Lesebestätigung meldet nur, wann die Nachricht geöffnet wurde; die Nachricht selbst enthält sie nie.",
    action: "Verlauf der Nachricht ansehen",
    footer: (org: string) => `Automatisch gesendet von ${org}. Antworten an diese Adresse werden nicht gelesen.`,
  },
};

export const readMessages = { en, de };
