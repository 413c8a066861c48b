/**
 * A one-line description of an unexpected error for the log. Prisma's messages can quote the failing call's
 * arguments over several lines (addresses, sizes); the code and the last line say what went wrong without them.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 200);
  const code = (error as { code?: unknown }).code;
  const lastLine = error.message.trim().split("\n").at(-1)?.trim() ?? "";
  return `${typeof code === "string" ? `${code}: ` : ""}${lastLine.slice(0, 200)}`;
}
