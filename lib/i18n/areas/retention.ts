// Strings for retention and legal hold: the panel on the compliance story page, the admin's retention defaults
// (/admin/retention) and the recipient's notice for a message whose content was deleted.

const en = {
  panel: {
    heading: "Retention and legal hold",
    retentionEnd: "Content kept until",
    sourceOverride: "Date set for this message",
    sourceDefault: (days: number) => `Organisation default: ${days} days after the message arrived`,
    forever: "Kept until someone sets a date (the organisation keeps content without limit)",
    legalHold: "Legal hold",
    onHold: "On hold: the content is not deleted until the hold is released",
    notOnHold: "No hold",
    holdReason: "Reason for the hold",
    shredded: "Content deleted",
    shreddedOn: (date: string) =>
      `The content was deleted on ${date}. Nobody can read it again; the message's record, recipients and audit trail remain.`,
    override: {
      label: "Keep content until (UTC date)",
      hint: "Overrides the organisation's default for this message. After the end of this day the content is deleted for good, unless a legal hold is set.",
      submit: "Save date",
      pending: "Saving…",
      clear: "Use the organisation's default",
      clearing: "Resetting…",
    },
    hold: {
      reasonLabel: "Reason for the hold",
      reasonHint: "For example the case or matter name: 5 to 500 characters. It is recorded in the audit log.",
      submit: "Place on legal hold",
      pending: "Placing hold…",
    },
    release: {
      reasonLabel: "Reason for releasing the hold (optional)",
      reasonHint: "If given, 5 to 500 characters. Once released, a message past its retention date is deleted at the next run.",
      submit: "Release legal hold",
      pending: "Releasing…",
    },
    shred: {
      heading: "Delete the content now",
      explanation:
        "Destroys this message's encryption key: nobody can read its content again, not even administrators. The message's record, recipients and audit trail remain.",
      open: "Delete the content now…",
      confirm: "I understand that the content cannot be recovered.",
      submit: "Delete the content for good",
      pending: "Deleting…",
      blockedByHold: "The content cannot be deleted while the message is on legal hold. Release the hold first.",
      deliveryPending: "The content cannot be deleted while a recipient's delivery is still in progress. Try again in a few minutes.",
    },
    done: {
      retentionSet: (date: string) => `Saved: the content is kept until ${date}.`,
      retentionCleared: "Saved: the organisation's default applies again.",
      holdSet: "The message is on legal hold.",
      holdReleased: "The legal hold was released.",
      shredded: "The content was deleted.",
    },
    errors: {
      "message-not-found": "This message does not exist (any more). Go back to the search.",
      "message-shredded": "The content of this message was already deleted; there is nothing left to keep or hold.",
      "legal-hold": "The content cannot be deleted while the message is on legal hold. Release the hold first.",
      "already-on-hold": "This message is already on legal hold. Release it first to record a different reason.",
      "not-on-hold": "This message is not on legal hold.",
      "still-delivering": "A recipient's delivery is still in progress; the content is needed until it ends. Try again in a few minutes.",
      "invalid-reason": "Give a reason of 5 to 500 characters, for example the case or matter name.",
      "invalid-date": "Choose a date in the future (at most 100 years ahead). To delete the content at once, use “Delete the content now”.",
      "changed-meanwhile": "Someone else changed this message at the same moment. Reload the page to see its current state.",
      confirmMissing: "Tick the box to confirm that the content may be deleted for good.",
      invalid: "The form was incomplete. Reload the page and try again.",
    },
  },
  admin: {
    pageTitle: "Retention",
    title: "Retention",
    intro:
      "How long recipients can open escrowed messages, and how long message content is kept before it is deleted for good. Deleting destroys a message's encryption key (crypto-shredding): its record, recipients and audit trail stay, so every message's history can still be proven.",
    accessDays: "Portal access (days)",
    accessHint:
      "How long a recipient can open a message kept for them in the portal, counted from when it was kept. 1 to 365 days. Applies to messages kept from now on; senders can still change it per recipient.",
    retentionDays: "Keep content for (days)",
    retentionHint:
      "After this many days from arrival, a message's content is deleted for good. 1 to 3,650 days; leave empty to keep content without limit. A date set on a message overrides this, and a legal hold keeps the content whatever the date.",
    submit: "Save retention settings",
    submitting: "Saving…",
    saved: "Retention settings saved.",
    confirm: (count: number) =>
      `Yes, delete the content of ${count} ${count === 1 ? "message" : "messages"} at the next run. This cannot be undone.`,
    confirmNeeded: (count: number) =>
      `With this setting, the content of ${count} ${count === 1 ? "message" : "messages"} is deleted at the next run. Tick the box below to confirm.`,
    errors: {
      retentionDaysInvalid: "Enter a whole number of days from 1 to 3,650, or leave the field empty to keep content without limit.",
      accessDaysInvalid: "Enter a whole number of days from 1 to 365.",
    } as Record<string, string>,
    effectHeading: "Effect",
    effectNow: (count: number) =>
      count === 0
        ? "With the current settings, no message content is due for deletion at the next run."
        : `With the current settings, the content of ${count} ${count === 1 ? "message" : "messages"} will be deleted at the next run.`,
    effectHeld: (count: number) => `${count} ${count === 1 ? "message is" : "messages are"} past their retention date but kept by a legal hold.`,
    forever: "Content is currently kept without limit: only messages with their own date are deleted.",
    previewLabel: "Try another period (days)",
    previewHint: "Shows what the next run would delete with this period, without saving anything.",
    previewSubmit: "Show the effect",
    previewResult: (days: number, count: number) =>
      `With ${days} days, the content of ${count} ${count === 1 ? "message" : "messages"} would be deleted at the next run.`,
    previewInvalid: "Enter a whole number of days from 1 to 3,650 to see its effect.",
  },
  portal: {
    shreddedTitle: "The content of this message was deleted",
    shreddedBody: (date: string, org: string) => `The content of this message was deleted on ${date} under ${org}'s retention policy.`,
    shreddedHint: "If you still need it, ask the sender to send it again.",
  },
};

const de: typeof en = {
  panel: {
    heading: "Aufbewahrung und Legal Hold",
    retentionEnd: "Inhalt aufbewahrt bis",
    sourceOverride: "Datum für diese Nachricht festgelegt",
    sourceDefault: (days: number) => `Vorgabe der Organisation: ${days} Tage nach Eingang der Nachricht`,
    forever: "Aufbewahrt, bis jemand ein Datum festlegt (die Organisation bewahrt Inhalte unbegrenzt auf)",
    legalHold: "Legal Hold",
    onHold: "Gesperrt: Der Inhalt wird nicht gelöscht, bis der Legal Hold aufgehoben wird",
    notOnHold: "Kein Legal Hold",
    holdReason: "Grund für den Legal Hold",
    shredded: "Inhalt gelöscht",
    shreddedOn: (date: string) =>
      `Der Inhalt wurde am ${date} gelöscht. Niemand kann ihn mehr lesen; Eintrag, Empfänger und Protokoll der Nachricht bleiben erhalten.`,
    override: {
      label: "Inhalt aufbewahren bis (Datum, UTC)",
      hint: "Ersetzt die Vorgabe der Organisation für diese Nachricht. Nach Ende dieses Tages wird der Inhalt endgültig gelöscht, außer ein Legal Hold ist gesetzt.",
      submit: "Datum speichern",
      pending: "Wird gespeichert …",
      clear: "Vorgabe der Organisation verwenden",
      clearing: "Wird zurückgesetzt …",
    },
    hold: {
      reasonLabel: "Grund für den Legal Hold",
      reasonHint: "Zum Beispiel der Name des Verfahrens: 5 bis 500 Zeichen. Er wird im Protokoll festgehalten.",
      submit: "Legal Hold setzen",
      pending: "Wird gesetzt …",
    },
    release: {
      reasonLabel: "Grund für die Aufhebung (optional)",
      reasonHint: "Falls angegeben, 5 bis 500 Zeichen. Nach der Aufhebung wird eine Nachricht, deren Aufbewahrungsdatum vorbei ist, beim nächsten Lauf gelöscht.",
      submit: "Legal Hold aufheben",
      pending: "Wird aufgehoben …",
    },
    shred: {
      heading: "Inhalt jetzt löschen",
      explanation:
        "Vernichtet den Schlüssel dieser Nachricht: Niemand kann ihren Inhalt mehr lesen, auch keine Administratoren. Eintrag, Empfänger und Protokoll der Nachricht bleiben erhalten.",
      open: "Inhalt jetzt löschen …",
      confirm: "Mir ist klar, dass der Inhalt nicht wiederhergestellt werden kann.",
      submit: "Inhalt endgültig löschen",
      pending: "Wird gelöscht …",
      blockedByHold: "Der Inhalt kann nicht gelöscht werden, solange ein Legal Hold gesetzt ist. Heben Sie ihn zuerst auf.",
      deliveryPending: "Der Inhalt kann nicht gelöscht werden, solange die Zustellung an einen Empfänger noch läuft. Versuchen Sie es in einigen Minuten erneut.",
    },
    done: {
      retentionSet: (date: string) => `Gespeichert: Der Inhalt wird bis ${date} aufbewahrt.`,
      retentionCleared: "Gespeichert: Es gilt wieder die Vorgabe der Organisation.",
      holdSet: "Für die Nachricht gilt ein Legal Hold.",
      holdReleased: "Der Legal Hold wurde aufgehoben.",
      shredded: "Der Inhalt wurde gelöscht.",
    },
    errors: {
      "message-not-found": "Diese Nachricht gibt es nicht (mehr). Gehen Sie zurück zur Suche.",
      "message-shredded": "Der Inhalt dieser Nachricht wurde bereits gelöscht; es gibt nichts mehr aufzubewahren oder zu sperren.",
      "legal-hold": "Der Inhalt kann nicht gelöscht werden, solange ein Legal Hold gesetzt ist. Heben Sie ihn zuerst auf.",
      "already-on-hold": "Für diese Nachricht gilt bereits ein Legal Hold. Heben Sie ihn zuerst auf, um einen anderen Grund festzuhalten.",
      "not-on-hold": "Für diese Nachricht gilt kein Legal Hold.",
      "still-delivering": "Die Zustellung an einen Empfänger läuft noch; bis dahin wird der Inhalt gebraucht. Versuchen Sie es in einigen Minuten erneut.",
      "invalid-reason": "Geben Sie einen Grund mit 5 bis 500 Zeichen an, zum Beispiel den Namen des Verfahrens.",
      "invalid-date": "Wählen Sie ein Datum in der Zukunft (höchstens 100 Jahre voraus). Um den Inhalt sofort zu löschen, verwenden Sie „Inhalt jetzt löschen“.",
      "changed-meanwhile": "Jemand anderes hat diese Nachricht im selben Moment geändert. Laden Sie die Seite neu, um den aktuellen Stand zu sehen.",
      confirmMissing: "Kreuzen Sie das Kästchen an, um zu bestätigen, dass der Inhalt endgültig gelöscht werden darf.",
      invalid: "Das Formular war unvollständig. Laden Sie die Seite neu und versuchen Sie es erneut.",
    },
  },
  admin: {
    pageTitle: "Aufbewahrung",
    title: "Aufbewahrung",
    intro:
      "Wie lange Empfänger verwahrte Nachrichten öffnen können und wie lange Nachrichteninhalte aufbewahrt werden, bevor sie endgültig gelöscht werden. Beim Löschen wird der Schlüssel der Nachricht vernichtet (Crypto-Shredding): Eintrag, Empfänger und Protokoll bleiben, sodass der Verlauf jeder Nachricht weiterhin belegbar ist.",
    accessDays: "Portalzugang (Tage)",
    accessHint:
      "Wie lange ein Empfänger eine für ihn im Portal verwahrte Nachricht öffnen kann, ab dem Zeitpunkt der Verwahrung. 1 bis 365 Tage. Gilt für Nachrichten, die ab jetzt verwahrt werden; Absender können es weiterhin je Empfänger ändern.",
    retentionDays: "Inhalt aufbewahren (Tage)",
    retentionHint:
      "Nach so vielen Tagen ab Eingang wird der Inhalt einer Nachricht endgültig gelöscht. 1 bis 3.650 Tage; leer lassen, um Inhalte unbegrenzt aufzubewahren. Ein Datum an der Nachricht geht vor, und ein Legal Hold bewahrt den Inhalt unabhängig vom Datum.",
    submit: "Aufbewahrung speichern",
    submitting: "Wird gespeichert …",
    saved: "Aufbewahrungseinstellungen gespeichert.",
    confirm: (count: number) =>
      `Ja, den Inhalt von ${count} ${count === 1 ? "Nachricht" : "Nachrichten"} beim nächsten Lauf löschen. Das kann nicht rückgängig gemacht werden.`,
    confirmNeeded: (count: number) =>
      `Mit dieser Einstellung wird der Inhalt von ${count} ${count === 1 ? "Nachricht" : "Nachrichten"} beim nächsten Lauf gelöscht. Bestätigen Sie das mit dem Kästchen unten.`,
    errors: {
      retentionDaysInvalid: "Geben Sie eine ganze Zahl von 1 bis 3.650 Tagen ein, oder lassen Sie das Feld leer, um Inhalte unbegrenzt aufzubewahren.",
      accessDaysInvalid: "Geben Sie eine ganze Zahl von 1 bis 365 Tagen ein.",
    },
    effectHeading: "Auswirkung",
    effectNow: (count: number) =>
      count === 0
        ? "Mit den aktuellen Einstellungen wird beim nächsten Lauf kein Nachrichteninhalt gelöscht."
        : `Mit den aktuellen Einstellungen wird beim nächsten Lauf der Inhalt von ${count} ${count === 1 ? "Nachricht" : "Nachrichten"} gelöscht.`,
    effectHeld: (count: number) =>
      `${count} ${count === 1 ? "Nachricht hat" : "Nachrichten haben"} ihr Aufbewahrungsdatum überschritten, ${count === 1 ? "wird" : "werden"} aber durch einen Legal Hold bewahrt.`,
    forever: "Inhalte werden derzeit unbegrenzt aufbewahrt: Nur Nachrichten mit eigenem Datum werden gelöscht.",
    previewLabel: "Anderen Zeitraum ausprobieren (Tage)",
    previewHint: "Zeigt, was der nächste Lauf mit diesem Zeitraum löschen würde, ohne etwas zu speichern.",
    previewSubmit: "Auswirkung zeigen",
    previewResult: (days: number, count: number) =>
      `Mit ${days} Tagen würde beim nächsten Lauf der Inhalt von ${count} ${count === 1 ? "Nachricht" : "Nachrichten"} gelöscht.`,
    previewInvalid: "Geben Sie eine ganze Zahl von 1 bis 3.650 Tagen ein, um die Auswirkung zu sehen.",
  },
  portal: {
    shreddedTitle: "Der Inhalt dieser Nachricht wurde gelöscht",
    shreddedBody: (date: string, org: string) => `Der Inhalt dieser Nachricht wurde am ${date} gemäß der Aufbewahrungsrichtlinie von ${org} gelöscht.`,
    shreddedHint: "Wenn Sie ihn noch brauchen, bitten Sie den Absender, die Nachricht erneut zu senden.",
  },
};

export const retentionMessages = { en, de };
