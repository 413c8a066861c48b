// Strings for the sender-set passphrase gate the recipient sees (/inbox/[recipientId]/passphrase).

const en = {
  pageTitle: "Passphrase needed",
  title: "Enter the passphrase",
  intro: (sender: string) =>
    `The sender asked for a passphrase they shared with you by phone or text message. ${sender} should have given it to you separately from the email.`,
  noPassphrase: "If you have not received a passphrase, contact the sender directly by phone. Do not reply to the notification email to ask for it.",
  label: "Passphrase",
  submit: "Open the message",
  submitting: "Checking…",
  wrong: (left: number) =>
    left === 1
      ? "That passphrase is not right. You have 1 more try before the message is locked for 15 minutes."
      : `That passphrase is not right. You have ${left} more tries before the message is locked for 15 minutes.`,
  locked: (until: string) => `Too many wrong passphrases. The message is locked until ${until}; try again after that, or ask the sender to check the passphrase.`,
  missing: "Type the passphrase the sender gave you.",
  tooLong: "That is longer than any passphrase can be. Check what you typed.",
};

const de: typeof en = {
  pageTitle: "Passphrase erforderlich",
  title: "Passphrase eingeben",
  intro: (sender: string) =>
    `Der Absender verlangt eine Passphrase, die er Ihnen telefonisch oder per SMS mitgeteilt hat. ${sender} sollte sie Ihnen getrennt von der E-Mail gegeben haben.`,
  noPassphrase:
    "Wenn Sie keine Passphrase erhalten haben, wenden Sie sich telefonisch an den Absender. Antworten Sie nicht auf die Benachrichtigungs-E-Mail, um danach zu fragen.",
  label: "Passphrase",
  submit: "Nachricht öffnen",
  submitting: "Wird geprüft …",
  wrong: (left: number) =>
    left === 1
      ? "Diese Passphrase ist nicht richtig. Sie haben noch 1 Versuch, danach wird die Nachricht für 15 Minuten gesperrt."
      : `Diese Passphrase ist nicht richtig. Sie haben noch ${left} Versuche, danach wird die Nachricht für 15 Minuten gesperrt.`,
  locked: (until: string) =>
    `Zu viele falsche Passphrasen. Die Nachricht ist bis ${until} gesperrt; versuchen Sie es danach erneut oder bitten Sie den Absender, die Passphrase zu prüfen.`,
  missing: "Geben Sie die Passphrase ein, die Ihnen der Absender gegeben hat.",
  tooLong: "Das ist länger als jede mögliche Passphrase. Prüfen Sie Ihre Eingabe.",
};

export const passphraseMessages = { en, de };
