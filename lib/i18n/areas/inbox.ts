// Strings for the recipient's inbox (/inbox): every secure message addressed to the signed-in person.

const en = {
  pageTitle: "Inbox",
  title: "Your secure messages",
  intro: (address: string) => `Secure messages sent to ${address}, newest first.`,
  searchLabel: "Search by sender or subject",
  searchSubmit: "Search",
  clearSearch: "Show all messages",
  from: "From",
  subject: "Subject",
  sent: "Sent",
  expires: "Available until",
  noExpiry: "No end date",
  unread: "Unread",
  revoked: "Withdrawn by the sender",
  expired: "Expired",
  noSubject: "(no subject)",
  subjectUnavailable: "(subject no longer available)",
  empty:
    "You have no secure messages yet. When someone sends you one, it appears here and you also get an email telling you about it.",
  noResults: (query: string) => `Nothing matches “${query}”. Check the spelling, or search for part of the sender's name or subject.`,
  searchLimited: (count: number) => `Only your ${count} most recent messages were searched.`,
  results: (count: number) => (count === 1 ? "1 message" : `${count} messages`),
  pagination: "Pages",
  newer: "Newer messages",
  older: "Older messages",
  pageOf: (page: number, pages: number) => `Page ${page} of ${pages}`,
};

const de: typeof en = {
  pageTitle: "Posteingang",
  title: "Ihre sicheren Nachrichten",
  intro: (address: string) => `Sichere Nachrichten an ${address}, die neuesten zuerst.`,
  searchLabel: "Nach Absender oder Betreff suchen",
  searchSubmit: "Suchen",
  clearSearch: "Alle Nachrichten anzeigen",
  from: "Von",
  subject: "Betreff",
  sent: "Gesendet",
  expires: "Verfügbar bis",
  noExpiry: "Kein Enddatum",
  unread: "Ungelesen",
  revoked: "Vom Absender zurückgezogen",
  expired: "Abgelaufen",
  noSubject: "(kein Betreff)",
  subjectUnavailable: "(Betreff nicht mehr verfügbar)",
  empty:
    "Sie haben noch keine sicheren Nachrichten. Wenn Ihnen jemand eine sendet, erscheint sie hier, und Sie erhalten zusätzlich eine E-Mail darüber.",
  noResults: (query: string) =>
    `Keine Nachricht passt zu „${query}“. Prüfen Sie die Schreibweise oder suchen Sie nach einem Teil des Absendernamens oder Betreffs.`,
  searchLimited: (count: number) => `Durchsucht wurden nur Ihre ${count} neuesten Nachrichten.`,
  results: (count: number) => (count === 1 ? "1 Nachricht" : `${count} Nachrichten`),
  pagination: "Seiten",
  newer: "Neuere Nachrichten",
  older: "Ältere Nachrichten",
  pageOf: (page: number, pages: number) => `Seite ${page} von ${pages}`,
};

export const inboxMessages = { en, de };
