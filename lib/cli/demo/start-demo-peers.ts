import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import type { DemoCertificates } from "@/lib/cli/demo/ensure-demo-certificates";

export type ReceivedMail = { mx: string; to: string[]; subject: string; encrypted: boolean };

export type DemoPeer = { name: string; host: string; port: number };

export type DemoPeers = { tls: DemoPeer; plain: DemoPeer; received: ReceivedMail[]; close(): Promise<void> };

async function startPeer(name: string, host: string, received: ReceivedMail[], tls: DemoCertificates | null): Promise<{ server: SMTPServer; peer: DemoPeer }> {
  const server = new SMTPServer({
    name,
    banner: `${name} (Sealpost demo MX)`,
    authOptional: true,
    // A real no-TLS MX: STARTTLS is not just hidden, the command does not exist.
    disabledCommands: tls ? ["AUTH"] : ["AUTH", "STARTTLS"],
    ...(tls ? { key: tls.key, cert: tls.cert, minVersion: "TLSv1.2" as const } : {}),
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({ mx: name, to: session.envelope.rcptTo.map((r) => r.address), subject: mail.subject ?? "", encrypted: session.secure });
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return { server, peer: { name, host, port } };
}

/** Two receiving MXes on loopback: one with STARTTLS and a demo-CA certificate, one without STARTTLS. */
export async function startDemoPeers(host: string, tlsName: string, plainName: string, certificates: DemoCertificates): Promise<DemoPeers> {
  const received: ReceivedMail[] = [];
  const tls = await startPeer(tlsName, host, received, certificates);
  const plain = await startPeer(plainName, host, received, null);
  return {
    tls: tls.peer,
    plain: plain.peer,
    received,
    async close() {
      await Promise.all([tls.server, plain.server].map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    },
  };
}
