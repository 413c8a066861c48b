import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import tls from "node:tls";
import {
  parseWebhookUrl,
  resolveWebhookTarget,
  WebhookTargetError,
  type ResolveHost,
  type TargetRules,
} from "@/lib/webhooks/check-webhook-target";
import { signWebhookPayload } from "@/lib/webhooks/sign-webhook-payload";

export type PostWebhookInput = {
  url: string;
  body: string;
  secret: string;
  deliveryId: string;
  now: Date;
  timeoutMs: number;
  rules: TargetRules;
  resolveHost: ResolveHost;
  /** PEM bundles trusted besides the system roots (EXTRA_CA_FILE). */
  ca: Buffer[];
};

const MAX_RESPONSE_BYTES = 64 * 1024;

export type PostWebhookResult = { ok: true; statusCode: number } | { ok: false; statusCode: number | null; error: string };

/**
 * One signed POST. 2xx is success; anything else (redirects included: following one would bypass the target
 * check) is a failure the caller may retry. Connects only to the addresses that passed the SSRF check.
 */
export async function postWebhook(input: PostWebhookInput): Promise<PostWebhookResult> {
  let addresses;
  let url: URL;
  try {
    url = parseWebhookUrl(input.url, input.rules);
    addresses = await resolveWebhookTarget(url, input.rules, input.resolveHost);
  } catch (error) {
    if (error instanceof WebhookTargetError) return { ok: false, statusCode: null, error: error.message };
    throw error;
  }
  const first = addresses[0]!;
  const lookup: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, addresses);
    else callback(null, first.address, first.family);
  };
  const headers = {
    "Content-Type": "application/json",
    "Content-Length": String(Buffer.byteLength(input.body)),
    "User-Agent": "Sealpost-Webhooks/1",
    "Sealpost-Webhook-Id": input.deliveryId,
    "Sealpost-Signature": signWebhookPayload(input.secret, input.body, input.now),
  };
  const options = { method: "POST", headers, lookup, agent: url.protocol === "https:" ? agentFor(input.ca) : false };

  return new Promise((resolve) => {
    const request = (url.protocol === "https:" ? https : http).request(url, options, (response) => {
      const statusCode = response.statusCode ?? 0;
      // The body is not needed: drain a little so the socket closes cleanly, and cut off a receiver that keeps
      // streaming (the timer below still ends a slow one).
      let received = 0;
      response.on("data", (chunk: Buffer) => {
        received += chunk.length;
        if (received > MAX_RESPONSE_BYTES) response.destroy();
      });
      response.on("close", () => clearTimeout(timer));
      // Reported through the status already resolved; an unhandled 'error' here would end the worker.
      response.on("error", () => clearTimeout(timer));
      if (statusCode >= 200 && statusCode < 300) resolve({ ok: true, statusCode });
      else resolve({ ok: false, statusCode, error: `The receiver answered HTTP ${statusCode}.` });
    });
    const timer = setTimeout(() => {
      request.destroy(new Error(`no answer within ${Math.round(input.timeoutMs / 1000)} s`));
    }, input.timeoutMs);
    request.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ ok: false, statusCode: null, error: `Could not reach the receiver: ${error.code ?? error.message}${error.code ? ` (${error.message})` : ""}`.slice(0, 500) });
    });
    request.end(input.body);
  });
}

let cachedAgent: { ca: Buffer[]; agent: https.Agent } | undefined;

/** One agent (and so one parsed root store) per extra-CA set; no keep-alive, webhooks are infrequent. */
function agentFor(ca: Buffer[]): https.Agent {
  if (cachedAgent && cachedAgent.ca.length === ca.length && cachedAgent.ca.every((pem, i) => pem === ca[i])) return cachedAgent.agent;
  const agent = new https.Agent({ keepAlive: false, minVersion: "TLSv1.2", ca: [...tls.rootCertificates, ...ca.map((pem) => pem.toString("utf8"))] });
  cachedAgent = { ca, agent };
  return agent;
}
