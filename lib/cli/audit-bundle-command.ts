import { createWriteStream, openSync, readFileSync } from "node:fs";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { streamAuditBundle } from "@/lib/audit/stream-audit-bundle";
import { verifyAuditBundle } from "@/lib/audit/verify-audit-bundle";
import { CommandError, UsageError } from "@/lib/cli/cli-errors";
import { expectPositionals, parseCommandArgs } from "@/lib/cli/parse-command-args";
import { getDb } from "@/lib/db";

/**
 * `sealpost audit export [--from N] [--to N] [--out file]`: the signed bundle for a third party (stdout without
 * --out). Audited as `audit.exported` before anything is read, as exports from the UI are.
 */
export async function runAuditExport(args: string[]): Promise<void> {
  const { positionals, values } = parseCommandArgs(args, { from: { type: "string" }, to: { type: "string" }, out: { type: "string" } });
  expectPositionals(positionals, 0, "only --from, --to and --out after audit export");
  const fromSeq = values.from === undefined ? undefined : parseSeq("--from", values.from);
  const toSeq = values.to === undefined ? undefined : parseSeq("--to", values.to);
  if (fromSeq !== undefined && toSeq !== undefined && fromSeq > toSeq) throw new UsageError("--from must not be after --to.");
  const target = values.out === undefined ? stdoutWithoutClosing() : createWriteStream("", { fd: openForWriting(values.out) });
  await getDb().$transaction((tx) =>
    recordAuditEvent(tx, {
      type: "audit.exported",
      actorType: "system",
      actorId: "cli",
      outcome: "success",
      data: { format: "bundle", filter: { fromSeq: fromSeq ?? null, toSeq: toSeq ?? null } },
    }),
  );
  // The last chunk is the trailer line: its count and hash make the summary.
  let trailer = "";
  async function* keepLast(chunks: AsyncIterable<string>): AsyncGenerator<string> {
    for await (const chunk of chunks) {
      trailer = chunk;
      yield chunk;
    }
  }
  await pipeline(Readable.from(keepLast(streamAuditBundle({ fromSeq, toSeq }))), target);
  const { count, lastHash } = JSON.parse(trailer) as { count: number; lastHash: string };
  const summary = `Audit bundle with ${count} event${count === 1 ? "" : "s"} (last hash ${lastHash})`;
  if (values.out === undefined) console.error(`${summary} written to stdout.`);
  else console.log(`${summary} written to ${values.out}`);
}

/** `sealpost audit verify-bundle <file> [--public-key file]`: checks a bundle offline, without the database. */
export async function runAuditVerifyBundle(args: string[]): Promise<void> {
  const { positionals, values } = parseCommandArgs(args, { "public-key": { type: "string" } });
  const [file] = expectPositionals(positionals, 1, "one bundle file: sealpost audit verify-bundle <file> [--public-key <file>]");
  const text = readText(file!, "bundle");
  const keyFile = values["public-key"];
  let report;
  try {
    report = verifyAuditBundle(text, keyFile === undefined ? undefined : readText(keyFile, "public key"));
  } catch (error) {
    if (error instanceof TypeError) throw new CommandError(`--public-key ${keyFile}: ${error.message}`);
    throw error;
  }
  if (!report.ok) {
    const where = report.seq === null ? `line ${report.line}` : `line ${report.line} (event #${report.seq})`;
    throw new CommandError(`Audit bundle fails at ${where}: ${report.problem} (${report.detail})`);
  }
  const range = report.count === 0 ? "no events" : `events #${report.fromSeq}–#${report.toSeq} (${report.count})`;
  console.log(`Audit bundle intact: ${range}, last hash ${report.lastHash}, signed with key ${report.keyId}`);
  if (!report.trustedKey) {
    console.log(
      `Checked against the key inside the bundle only. Confirm key id ${report.keyId} with the sender ` +
        "(`sealpost audit public-key` on their installation), or pass --public-key <file>.",
    );
  }
}

function parseSeq(flag: string, value: string): number {
  if (!/^\d{1,15}$/.test(value) || Number(value) < 1) throw new UsageError(`${flag} expects an event number (1 or more), not "${value}".`);
  return Number(value);
}

/** Opened before the export is audited, so a wrong path fails first, with a plain message. */
function openForWriting(file: string): number {
  try {
    return openSync(file, "w", 0o644);
  } catch (error) {
    throw new CommandError(`Cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new CommandError(`Cannot read the ${what} file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** process.stdout must stay open after the pipeline (main still prints and exits with a status). */
function stdoutWithoutClosing(): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      process.stdout.write(chunk, callback);
    },
  });
}
