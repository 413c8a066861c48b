import nodemailer from "nodemailer";

const DEMO_SENDER = { name: "Dana Demo", address: "dana@sender-demo.test" };
export const DEMO_SUBJECT = "Quarterly figures (Sealpost demo)";

/**
 * Relays the demo's messages into the smart host the way an organisation's mail server would: a real SMTP
 * session over loopback, STARTTLS against the intake certificate, no authentication (loopback is in the
 * default relay networks).
 */
export async function sendDemoMessages(smartHost: { host: string; port: number; servername: string; ca: Buffer | null }, recipients: string[]): Promise<void> {
  const transport = nodemailer.createTransport({
    host: smartHost.host,
    port: smartHost.port,
    secure: false,
    tls: { servername: smartHost.servername, ...(smartHost.ca ? { ca: [smartHost.ca] } : {}) },
  });
  try {
    for (const to of recipients) {
      await transport.sendMail({
        from: DEMO_SENDER,
        to,
        subject: DEMO_SUBJECT,
        text: `Hello,\n\nthis message was sent to ${to} by npm run demo. Its content never crosses an unencrypted connection.\n\nDana\n`,
      });
    }
  } finally {
    transport.close();
  }
}
