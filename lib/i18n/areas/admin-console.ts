// Strings for the admin dashboard's shortcuts to the console pages.

const en = {
  consoleTitle: "Run the organisation",
  cards: {
    users: { title: "Users", body: "Invite staff, change roles, deactivate accounts, reset a second factor." },
    policies: { title: "Domain policies", body: "Decide per recipient domain how mail travels, and test a domain's encryption live." },
    settings: { title: "Settings", body: "Subject tag, notification wording and sender, staff MFA, break-glass and DKIM." },
    branding: { title: "Branding", body: "Name, logo and colour in the portal and emails." },
    retention: { title: "Retention", body: "How long content is kept and when portal access ends." },
    apiTokens: { title: "Your API tokens", body: "Tokens for sending through SMTP or the HTTP API." },
    webhooks: { title: "Your webhooks", body: "Signed event notifications about your messages to your own systems." },
  },
};

const de: typeof en = {
  consoleTitle: "Die Organisation verwalten",
  cards: {
    users: { title: "Benutzer", body: "Mitarbeitende einladen, Rollen ändern, Konten deaktivieren, einen zweiten Faktor zurücksetzen." },
    policies: { title: "Domain-Richtlinien", body: "Je Empfänger-Domain festlegen, wie Mail übertragen wird, und die Verschlüsselung einer Domain live testen." },
    settings: { title: "Einstellungen", body: "Betreff-Kennzeichen, Text und Absender der Benachrichtigungen, MFA für Mitarbeitende, Notfallzugriff und DKIM." },
    branding: { title: "Branding", body: "Name, Logo und Farbe im Portal und in E-Mails." },
    retention: { title: "Aufbewahrung", body: "Wie lange Inhalte aufbewahrt werden und wann der Portalzugang endet." },
    apiTokens: { title: "Ihre API-Tokens", body: "Tokens zum Senden über SMTP oder die HTTP-API." },
    webhooks: { title: "Ihre Webhooks", body: "Signierte Ereignismeldungen zu Ihren Nachrichten an Ihre eigenen Systeme." },
  },
};

export const adminConsoleMessages = { en, de };
