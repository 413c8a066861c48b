import { createSocket } from "node:dgram";
import type { AddressInfo } from "node:net";

// A DNS server for the demo's two MX host names, so delivery verifies the TLS peer against the name
// mx.tls-demo.test exactly as it would for a real MX. It answers A queries for its names (RFC 1035 §4.1)
// and SERVFAIL for anything else: other mail in a demo process then waits for a later retry instead of
// bouncing on a made-up "does not exist".

const TYPE_A = 1;
const CLASS_IN = 1;

function readQuestion(query: Buffer): { name: string; type: number; end: number } | null {
  const labels: string[] = [];
  let offset = 12;
  while (offset < query.length) {
    const length = query[offset]!;
    if (length === 0) break;
    if (length > 63) return null; // compression pointers never appear in a question we accept
    labels.push(query.subarray(offset + 1, offset + 1 + length).toString("ascii").toLowerCase());
    offset += 1 + length;
  }
  if (offset + 5 > query.length) return null;
  return { name: labels.join("."), type: query.readUInt16BE(offset + 1), end: offset + 5 };
}

function answer(query: Buffer, hosts: Map<string, string>): Buffer | null {
  if (query.length < 12 || query.readUInt16BE(4) !== 1) return null;
  const question = readQuestion(query);
  if (!question) return null;
  const address = hosts.get(question.name);
  const records = address && question.type === TYPE_A ? [address] : [];
  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2); // id
  // QR=1, AA=1, RD copied from the query; RCODE 0 (answer or "no such type") or 2 (SERVFAIL).
  header.writeUInt16BE(0x8400 | (query.readUInt16BE(2) & 0x0100) | (address ? 0 : 2), 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(records.length, 6);
  const answers = records.map((ip) => {
    const record = Buffer.alloc(16);
    record.writeUInt16BE(0xc00c, 0); // pointer to the question's name
    record.writeUInt16BE(TYPE_A, 2);
    record.writeUInt16BE(CLASS_IN, 4);
    record.writeUInt32BE(60, 6);
    record.writeUInt16BE(4, 10);
    ip.split(".").forEach((octet, index) => record.writeUInt8(Number(octet), 12 + index));
    return record;
  });
  return Buffer.concat([header, query.subarray(12, question.end), ...answers]);
}

/** Serves A records for `hosts` (name → IPv4 address) on `host`, a random UDP port. */
export async function startDemoDns(host: string, hosts: Map<string, string>): Promise<{ server: string; close(): Promise<void> }> {
  const socket = createSocket("udp4");
  socket.on("message", (query, peer) => {
    const reply = answer(query, hosts);
    if (reply) socket.send(reply, peer.port, peer.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(0, host, () => resolve());
  });
  const { port } = socket.address() as AddressInfo;
  return { server: `${host}:${port}`, close: () => new Promise((resolve) => socket.close(() => resolve())) };
}
