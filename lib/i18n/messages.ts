import type { Locale } from "@/lib/i18n/locales";
import type { FailureClass } from "@/lib/delivery/failure-class";

// The message catalogue: every string a person reads in the web app and in emails. The core strings live here;
// each feature area keeps its strings in lib/i18n/areas/<area>.ts as `{ en, de }` (de typed as `typeof en`)
// and is registered once in `areas` below.

const en = {
  common: {
    skipToContent: "Skip to main content",
    signIn: "Sign in",
    signOut: "Sign out",
    signedInAs: (name: string) => `Signed in as ${name}`,
    home: "Home",
    accountNav: "Account",
    dashboard: "Dashboard",
    devMailbox: "Dev mailbox",
    none: "—",
  },
  home: {
    title: (org: string) => `Sealpost for ${org}`,
    intro:
      "This server sends your organisation's email only over verified, encrypted connections. When a recipient's mail server cannot receive a message securely, Sealpost keeps it encrypted here and emails the recipient a link to read it.",
    recipientHint: "Received a link to a secure message? Open the link from that email; you do not need to sign in here first.",
    staffHint: "Staff and administrators sign in to follow their messages.",
    setupTitle: "Finish setting up",
    setupNote:
      "There is no administrator account yet. Open the one-time setup link that was printed in the terminal where Sealpost started.",
    setupNewLink: "Lost the link? Restart Sealpost or run this command to print a new one:",
    setupCommand: "sealpost admin setup-link",
    goToDashboard: "Go to the dashboard",
  },
  signIn: {
    title: "Sign in",
    email: "Email address",
    password: "Password",
    submit: "Sign in",
    submitting: "Signing in…",
    failed: "That email address and password do not match an active account. Check both and try again.",
    invalid: "Enter your email address and password.",
    setupDone: "Your administrator account is ready. Sign in with the email address and password you just chose.",
  },
  setup: {
    title: "Create the administrator account",
    intro: "This account manages Sealpost for your organisation. The link you opened works once.",
    name: "Your name",
    email: "Email address",
    password: "Password",
    passwordHint: (min: number) => `At least ${min} characters. A few unrelated words make a strong, memorable password.`,
    confirm: "Password again",
    submit: "Create account",
    submitting: "Creating account…",
    errors: {
      name: "Enter your name.",
      email: "Enter a valid email address, such as admin@example.com.",
      passwordTooShort: (min: number) => `The password is too short: use at least ${min} characters.`,
      passwordTooLong: "The password is too long: use at most 256 characters.",
      passwordMismatch: "The two passwords are different. Type the same password twice.",
      emailTaken: "An account with this email address already exists. Use another address.",
    },
    invalidTitle: "This setup link cannot be used",
    invalidBody: "The link is unknown, has already been used, or has expired (links last 24 hours).",
    invalidWhatNext: "To get a new link, restart Sealpost or run this command on the server; it prints a fresh link:",
    adminExistsTitle: "Sealpost is already set up",
    adminExistsBody: "An administrator account exists. Sign in, or ask your administrator for an account.",
  },
  admin: {
    title: "Dashboard",
    recipientsByStatus: "Recipients by status",
    recentMessages: "Latest messages",
    recentMessagesNote: "The 20 most recent messages. Subjects and content stay encrypted and are not shown here.",
    noMessages: "No messages yet. Relay mail to the SMTP smart host or use the API to send one.",
    received: "Received",
    from: "From",
    recipient: "Recipient",
    status: "Status",
    outcome: "Reason",
    tls: "TLS",
    details: "Delivery details",
    viewMessage: (id: string) => `Delivery details for message ${id}`,
  },
  mailbox: {
    title: "Dev mailbox",
    intro:
      "Copies of the notifications Sealpost sends, kept while the dev mailbox is on (DEV_MAILBOX; on by default when no outgoing relay is configured). Only administrators can see this page.",
    empty: "No captured emails yet. They appear here when a message is escrowed and its recipient is notified.",
    to: "To",
    from: "From",
    subject: "Subject",
    time: "Captured",
    back: "Back to the dev mailbox",
    links: "Links in this email",
    textVersion: "Plain-text version",
    htmlVersion: "HTML version",
    htmlNote: "Shown in a sandbox: scripts, forms and remote content are blocked.",
    htmlFrameTitle: "HTML version of the captured email",
    noHtml: "This email has no HTML version.",
  },
  messageStatus: {
    title: "Message delivery",
    messageId: "Message id",
    from: "From",
    received: "Received",
    recipients: "Recipients",
    attempts: "Delivery attempts",
    noAttempts: "No delivery attempts yet.",
    attemptNumber: (n: number) => `Attempt ${n}`,
    mx: "Mail server",
    ip: "Address",
    tlsVersion: "TLS version",
    notEncrypted: "None: the connection was not encrypted",
    cipher: "Cipher",
    certSubject: "Certificate subject",
    certIssuer: "Certificate issuer",
    certFingerprint: "Certificate SHA-256 fingerprint",
    certValidity: "Certificate valid",
    validRange: (from: string, to: string) => `${from} to ${to}`,
    result: "Result",
    duration: "Duration",
    serverSaid: "Details",
    durationMs: (ms: number) => (ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`),
    attemptDelivered: "Delivered",
    notifiedAt: "Recipient notified",
  },
  portal: {
    pageTitle: "Secure message",
    title: (sender: string) => `Secure message from ${sender}`,
    intro: "This message was kept encrypted instead of being sent by ordinary email.",
    from: "From",
    sent: "Sent",
    expires: "Link expires",
    messageId: "Message reference",
    comingSoon:
      "Reading secure messages online arrives in the next version of this portal. Keep this email: the same link will let you read the message then.",
    expiredTitle: "This link has expired",
    expiredBody: "Secure-message links stop working after a while. Ask the sender to send you a new link.",
    usedTitle: "This link has already been used",
    usedBody: "Each link works once. Open the most recent email you received about this message, or ask the sender for a new link.",
    unknownTitle: "This link does not work",
    unknownBody: "The link may be incomplete or may have been replaced by a newer one. Open the most recent email you received, or ask the sender to send the message again.",
  },
  status: {
    queued: "Queued",
    delivered: "Delivered over TLS",
    escrowed: "Kept in the portal",
    bounced: "Bounced",
    dropped: "Not sent (TLS required)",
  } as Record<string, string>,
  failureClass: {
    "starttls-not-supported": "The mail server does not offer encryption (no STARTTLS).",
    "tls-handshake-failed": "The encrypted connection could not be set up.",
    "tls-version-too-old": "The mail server only supports outdated TLS versions (older than 1.2).",
    "certificate-untrusted": "The mail server's certificate is not signed by a trusted authority.",
    "certificate-expired": "The mail server's certificate has expired or is not yet valid.",
    "certificate-host-mismatch": "The mail server's certificate is for a different name.",
    "connect-failed": "The mail server could not be reached.",
    timeout: "The mail server stopped answering.",
    "dns-tempfail": "The recipient's domain could not be looked up just now.",
    "no-mx": "The recipient's domain does not accept email.",
    "smtp-4xx": "The mail server asked to try again later.",
    "smtp-5xx": "The mail server refused the message or the address.",
  } satisfies Record<FailureClass, string>,
  errors: {
    notFoundTitle: "Page not found",
    notFoundBody: "There is nothing here, or you do not have access to it. Check the address, or go back to the start page.",
    errorTitle: "Something went wrong",
    errorBody: "The page could not be shown. Try again in a moment; if it keeps happening, tell your administrator the time it happened.",
    tryAgain: "Try again",
  },
};

// Feature areas: `import { xMessages } from "@/lib/i18n/areas/x";` above, then one line `x: xMessages,` here.
const areas = {};

// Translations of the core strings above; a locale missing here falls back to English.
const coreTranslations: Partial<Record<Locale, typeof en>> = {};

type Areas = { [K in keyof typeof areas]: (typeof areas)[K] extends { en: infer E } ? E : never };

export type Messages = typeof en & Areas;

function pick(locale: Locale): Messages {
  const picked = Object.fromEntries(
    Object.entries(areas).map(([name, area]) => [name, (area as Record<Locale, unknown>)[locale]]),
  ) as Areas;
  return { ...(locale === "en" ? en : (coreTranslations[locale] ?? en)), ...picked };
}

/** The catalogue in `locale` (English when not given). */
export function getMessages(locale: Locale = "en"): Messages {
  return pick(locale);
}
