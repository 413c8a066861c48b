import { createThrottle } from "@/lib/auth/throttle";

/**
 * Live TLS probes per admin: each opens up to three outbound SMTP connections, so a script behind a stolen
 * session must not turn the console into a port scanner. Ten a minute is plenty for a person.
 */
export const domainProbesByAdmin = createThrottle({ name: "domain-probe:admin", points: 10, durationSeconds: 60 });
