import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

// The one place settings are read. Sources, later wins: built-in defaults < config file < environment.
// The config file is JSON with the same UPPER_SNAKE names as the environment variables; it is
// `SEALPOST_CONFIG` if set, else `./sealpost.config.json` when present.

const duration = z
  .string()
  .regex(/^\d+(ms|s|m|h|d)$/, "expected a duration such as 30s, 15m, 2h or 14d")
  .transform((value) => {
    const amount = Number.parseInt(value, 10);
    const unit = value.replace(/^\d+/, "");
    const factor = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[unit] ?? 1;
    return amount * factor;
  });

const port = z.coerce.number().int().min(0).max(65_535);
const bool = z.enum(["true", "false", "1", "0", "yes", "no", "on", "off"]).transform((v) => ["true", "1", "yes", "on"].includes(v));
const list = z.string().transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean));

const hostPort = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/;

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, "expected file:<path> (SQLite) or postgres://… (PostgreSQL)")
    .optional(),
  // Key ring file (JSON: key ids, active id). Generated with 0600 permissions on first start.
  MASTER_KEY_FILE: z.string().min(1).optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),

  WEB_HOST: z.string().default("0.0.0.0"),
  WEB_PORT: port.default(3000),
  PUBLIC_URL: z.url().optional(),
  ORG_NAME: z.string().min(1).default("Sealpost"),

  SMTP_HOST: z.string().default("0.0.0.0"),
  SMTP_PORT: port.default(2525),
  // Name in the SMTP banner and EHLO; also the TLS certificate name for intake STARTTLS.
  SMTP_HOSTNAME: z.string().regex(/^[A-Za-z0-9.-]+$/, "expected a host name").default("localhost"),
  SMTP_RELAY_NETWORKS: list.default(["127.0.0.0/8", "::1/128"]),
  SMTP_MAX_MESSAGE_BYTES: z.coerce.number().int().positive().default(25 * 1024 * 1024),
  SMTP_MAX_RECIPIENTS: z.coerce.number().int().positive().default(100),
  // PEM files for intake STARTTLS. When absent a self-signed pair is generated in DATA_DIR.
  SMTP_TLS_KEY_FILE: z.string().optional(),
  SMTP_TLS_CERT_FILE: z.string().optional(),
  SMTP_MAX_CONNECTIONS: z.coerce.number().int().positive().default(200),

  SUBJECT_TAG: z.string().min(1).default("[secure]"),

  // Delivery
  RETRY_WINDOW: duration.default(15 * 60_000),
  DNS_SERVERS: list.default([]),
  // domain=host:port pairs, comma separated; overrides MX look-up (relays, tests, the demo).
  TRANSPORT_MAP: list
    .pipe(z.array(z.string().regex(new RegExp(`^[A-Za-z0-9.-]+=${hostPort.source.slice(1, -1)}$`), "expected domain=host:port")))
    .default([]),
  // PEM bundle trusted in addition to the system CAs when verifying MX certificates.
  EXTRA_CA_FILE: z.string().optional(),
  DELIVERY_PORT: port.default(25),
  DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(20),
  CONNECT_TIMEOUT: duration.default(30_000),
  GREETING_TIMEOUT: duration.default(30_000),
  SOCKET_TIMEOUT: duration.default(120_000),
  // How long a claimed job stays with its worker; after that another worker may take it (this is how a crashed
  // worker's jobs come back). Keep it above the longest delivery: a job that outlives its lease may run twice
  // (the recipient still ends with one outcome, but the MX may see the message twice).
  JOB_LEASE: duration.default(5 * 60_000),
  // EHLO name used when delivering.
  HELO_NAME: z.string().regex(/^[A-Za-z0-9.-]+$/, "expected a host name").optional(),

  // Notifications
  SMTP_RELAY_URL: z.string().regex(/^smtps?:\/\//, "expected smtp://… or smtps://…").optional(),
  NOTIFY_FROM: z.email().optional(),
  NOTIFY_INCLUDE_SUBJECT: bool.default(false),
  // auto: capture when no relay is configured.
  DEV_MAILBOX: z.enum(["auto", "on", "off"]).default("auto"),
  PORTAL_LINK_TTL: duration.default(30 * 86_400_000),
  DKIM_DOMAIN: z.string().optional(),
  DKIM_SELECTOR: z.string().optional(),
  DKIM_PRIVATE_KEY_FILE: z.string().optional(),

  // Webhooks. Targets must be HTTPS and public: loopback/private addresses are refused (SSRF) unless allowed
  // here, e.g. for a receiver on the same host. Plain http:// only outside production (see parseConfig).
  WEBHOOK_ALLOW_PRIVATE_TARGETS: bool.default(false),
  UNSAFE_ALLOW_HTTP_WEBHOOKS: bool.default(false),
  WEBHOOK_TIMEOUT: duration.default(10_000),

  // Audit integrity: Ed25519 signing key (PEM, made 0600 on first use; default <DATA_DIR>/audit-key.pem), the folder
  // for checkpoints.jsonl (default <DATA_DIR>/audit-checkpoints), how often the worker signs the chain head (0 = never),
  // and an address that gets a copy of every checkpoint (a copy out of reach of whoever can rewrite the database).
  AUDIT_KEY_FILE: z.string().min(1).optional(),
  AUDIT_CHECKPOINT_DIR: z.string().min(1).optional(),
  AUDIT_CHECKPOINT_INTERVAL: z.union([z.literal("0").transform(() => 0), duration], { error: "expected 0 (off) or a duration such as 30m or 1h" }).default(3_600_000),
  AUDIT_CHECKPOINT_EMAIL: z.email().optional(),
});

export type Config = z.infer<typeof schema> & {
  databaseUrl: string;
  masterKeyFile: string;
  publicUrl: string;
  provider: "sqlite" | "postgresql";
  devMailbox: boolean;
  transportMap: Map<string, { host: string; port: number }>;
};

export class ConfigError extends Error {
  constructor(readonly setting: string, detail: string) {
    super(`Invalid setting ${setting}: ${detail}`);
  }
}

function readConfigFile(): Record<string, string> {
  const file = process.env.SEALPOST_CONFIG ?? "sealpost.config.json";
  if (!existsSync(/*turbopackIgnore: true*/ file)) {
    if (process.env.SEALPOST_CONFIG) throw new ConfigError("SEALPOST_CONFIG", `file ${file} does not exist`);
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(/*turbopackIgnore: true*/ file, "utf8"));
  } catch (error) {
    throw new ConfigError("SEALPOST_CONFIG", `${file} is not valid JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError("SEALPOST_CONFIG", `${file} must hold a JSON object`);
  }
  return Object.fromEntries(
    Object.entries(parsed).map(([key, value]) => [key, Array.isArray(value) ? value.join(",") : String(value)]),
  );
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const known = Object.keys(schema.shape);
  const input: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...readConfigFile(), ...env })) {
    // An empty variable means "not set", as in most shells' `FOO= cmd`.
    if (known.includes(key) && value !== undefined && value !== "") input[key] = value;
  }
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ConfigError(String(issue.path[0] ?? "config"), issue.message);
  }
  const values = result.data;
  if (values.UNSAFE_ALLOW_HTTP_WEBHOOKS && values.NODE_ENV === "production") {
    throw new ConfigError("UNSAFE_ALLOW_HTTP_WEBHOOKS", "plain-HTTP webhooks are refused in production; unset it and use https:// URLs");
  }
  const databaseUrl = values.DATABASE_URL ?? `file:${path.join(values.DATA_DIR, "sealpost.db")}`;
  const transportMap = new Map<string, { host: string; port: number }>();
  for (const entry of values.TRANSPORT_MAP) {
    const [domain, target] = entry.split("=") as [string, string];
    const at = target.lastIndexOf(":");
    transportMap.set(domain.toLowerCase(), {
      host: target.slice(0, at).replace(/^\[|\]$/g, ""),
      port: Number(target.slice(at + 1)),
    });
  }
  const publicUrl = (values.PUBLIC_URL ?? `http://localhost:${values.WEB_PORT}`).replace(/\/$/, "");
  return {
    ...values,
    databaseUrl,
    masterKeyFile: values.MASTER_KEY_FILE ?? path.join(values.DATA_DIR, "master-keys.json"),
    publicUrl,
    provider: /^postgres(ql)?:\/\//.test(databaseUrl) ? "postgresql" : "sqlite",
    devMailbox: values.DEV_MAILBOX === "on" || (values.DEV_MAILBOX === "auto" && !values.SMTP_RELAY_URL),
    transportMap,
  };
}

let cached: Config | undefined;

/** The process-wide configuration, parsed once from the environment and the optional config file. */
export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
