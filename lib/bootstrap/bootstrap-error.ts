/** Start-up must stop: the message says what is wrong and what to do. Printed without a stack trace. */
export class BootstrapError extends Error {}
