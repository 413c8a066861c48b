import type { SMTPServerDataStream } from "smtp-server";

/**
 * Reads the DATA stream into one buffer. Past `maxBytes` it keeps draining (the client is still sending and
 * the reply only comes after its final dot) but stops buffering, so an oversized message costs no memory.
 */
export function readMessageData(stream: SMTPServerDataStream, maxBytes: number): Promise<{ data: Buffer | null; bytes: number }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    stream.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes <= maxBytes) chunks.push(chunk);
      else chunks.length = 0;
    });
    stream.once("error", reject);
    stream.once("end", () => {
      const exceeded = stream.sizeExceeded || bytes > maxBytes;
      resolve({ data: exceeded ? null : Buffer.concat(chunks, bytes), bytes });
    });
  });
}
