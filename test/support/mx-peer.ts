import net from "node:net";
import type { SecureVersion } from "node:tls";
import { SMTPServer, type SMTPServerSession } from "smtp-server";

// Real SMTP peers on loopback for delivery tests: smtp-server for everything that speaks SMTP correctly,
// raw sockets for peers that break the protocol. Each listens on its own 127.0.0.x with an ephemeral port.

export type ReceivedMessage = {
  envelope: { from: string; to: string[] };
  data: Buffer;
  secure: boolean;
  tlsProtocol?: string;
  /** The SNI name the client sent. */
  servername?: string;
};

export type MxPeer = {
  host: string;
  port: number;
  received: ReceivedMessage[];
  /** Command verbs the peer read (EHLO, STARTTLS, MAIL, RCPT, DATA, QUIT, …), in order. */
  commands: string[];
  close(): Promise<void>;
};

export type ScriptedReply = { code: number; message: string };

export type MxPeerOptions = {
  /** PEM key and certificate for STARTTLS. */
  key: string;
  cert: string;
  /** false: STARTTLS is not implemented at all (answers 500), as on a server without TLS. */
  starttls?: boolean;
  /** Protocol range, e.g. TLSv1 to TLSv1.1 for an outdated MX (its ciphers then need SECLEVEL=0). */
  tlsVersions?: { min: SecureVersion; max: SecureVersion };
  /** Reply instead of the greeting, e.g. 421 (the connection is closed after it). */
  greeting?: ScriptedReply;
  /** Reply to the n-th RCPT this peer sees (0-based, across sessions); undefined accepts. */
  rcpt?: (index: number, address: string) => ScriptedReply | undefined;
};

let nextAddress = 0;

/** A fresh loopback address per peer, so a test's peers never share an address:port by accident. */
function nextLoopbackAddress(): string {
  nextAddress = (nextAddress + 1) % 200;
  return `127.0.0.${nextAddress + 20}`;
}

export async function startMxPeer(opts: MxPeerOptions): Promise<MxPeer> {
  const received: ReceivedMessage[] = [];
  const commands: string[] = [];
  let rcptCount = 0;
  const ignore = () => undefined;
  const server = new SMTPServer({
    key: opts.key,
    cert: opts.cert,
    ...(opts.tlsVersions ? { minVersion: opts.tlsVersions.min, maxVersion: opts.tlsVersions.max, ciphers: "DEFAULT:@SECLEVEL=0" } : {}),
    disabledCommands: opts.starttls === false ? ["STARTTLS", "AUTH"] : ["AUTH"],
    authOptional: true,
    closeTimeout: 200,
    // smtp-server logs every command line it reads at debug level; that log is the peer's command list.
    logger: {
      level: ignore, trace: ignore, info: ignore, warn: ignore, error: ignore, fatal: ignore,
      debug: (entry: { tnx?: string; command?: string }) => {
        if (entry.tnx === "command" && entry.command) commands.push(entry.command);
      },
    },
    onConnect(_session, callback) {
      callback(opts.greeting ? replyError(opts.greeting) : null);
    },
    onRcptTo(address, _session, callback) {
      const reply = opts.rcpt?.(rcptCount++, address.address);
      callback(reply ? replyError(reply) : null);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push(describeMessage(session, Buffer.concat(chunks)));
        callback(null);
      });
    },
  });
  // A client that aborts a handshake surfaces here; unhandled, it would crash the test process.
  server.on("error", ignore);
  const host = nextLoopbackAddress();
  const port = await listen(server.server, host, (done) => server.listen(0, host, done));
  return { host, port, received, commands, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * Greets, lists STARTTLS and answers it with 220, then answers the client's TLS hello with bytes that are
 * not TLS and hangs up: the handshake itself breaks, not the SMTP dialogue before it.
 */
export function startBrokenTlsPeer(): Promise<MxPeer> {
  return startRawPeer((socket, commands) => {
    socket.write("220 broken.test ESMTP\r\n");
    let buffered = "";
    let handshaking = false;
    socket.on("data", (chunk: Buffer) => {
      if (handshaking) return void socket.end("this is not a TLS server hello\r\n".repeat(4));
      buffered += chunk.toString("latin1");
      let end: number;
      while ((end = buffered.indexOf("\r\n")) >= 0) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const verb = line.split(" ")[0]?.toUpperCase() ?? "";
        commands.push(verb);
        if (verb === "EHLO") socket.write("250-broken.test\r\n250-PIPELINING\r\n250 STARTTLS\r\n");
        else if (verb === "STARTTLS") {
          socket.write("220 Go ahead\r\n");
          handshaking = true;
        } else socket.write("502 Command not implemented\r\n");
      }
    });
  });
}

/** Accepts connections and never sends a greeting. */
export function startSilentPeer(): Promise<MxPeer> {
  return startRawPeer(() => undefined);
}

/** An address and port where nothing listens, so a connection is refused. */
export async function findClosedPort(): Promise<{ host: string; port: number }> {
  const server = net.createServer();
  const host = nextLoopbackAddress();
  const port = await listen(server, host, (done) => server.listen(0, host, done));
  await new Promise((resolve) => server.close(resolve));
  return { host, port };
}

async function startRawPeer(handle: (socket: net.Socket, commands: string[]) => void): Promise<MxPeer> {
  const commands: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    handle(socket, commands);
  });
  const host = nextLoopbackAddress();
  const port = await listen(server, host, (done) => server.listen(0, host, done));
  const close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  // A raw peer never accepts mail: `received` stays empty, which is what the tests assert.
  return { host, port, received: [], commands, close };
}

function listen(server: net.Server, host: string, start: (done: () => void) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    start(() => {
      const address = server.address();
      if (address === null || typeof address === "string") return reject(new Error(`${host}: no TCP address`));
      resolve(address.port);
    });
  });
}

function replyError(reply: ScriptedReply): Error {
  return Object.assign(new Error(reply.message), { responseCode: reply.code });
}

function describeMessage(session: SMTPServerSession, data: Buffer): ReceivedMessage {
  const { mailFrom, rcptTo } = session.envelope;
  return {
    envelope: { from: mailFrom ? mailFrom.address : "", to: rcptTo.map((r) => r.address) },
    data,
    secure: session.secure,
    ...(session.tlsOptions ? { tlsProtocol: session.tlsOptions.version } : {}),
    ...(session.servername ? { servername: session.servername } : {}),
  };
}
