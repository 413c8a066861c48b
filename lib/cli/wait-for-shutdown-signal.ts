/**
 * Resolves on the first SIGINT or SIGTERM so the caller can shut down gracefully. From then on a second
 * signal forces an immediate exit, for when a graceful stop hangs (e.g. an MX that stopped answering).
 */
export async function waitForShutdownSignal(): Promise<NodeJS.Signals> {
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    const onSignal = (received: NodeJS.Signals) => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      resolve(received);
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  });
  const force = () => {
    process.stderr.write("Second signal: exiting without waiting.\n");
    process.exit(130);
  };
  process.once("SIGINT", force);
  process.once("SIGTERM", force);
  return signal;
}
