/** Wrong command line: main prints the message and the usage text and exits with status 2. */
export class UsageError extends Error {}

/** A command could not do what was asked for a reason the person can fix; printed without a stack trace. */
export class CommandError extends Error {}
