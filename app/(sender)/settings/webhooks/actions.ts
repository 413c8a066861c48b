"use server";

import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getClientIp } from "@/lib/auth/get-client-ip";
import { requireRole } from "@/lib/auth/require-role";
import { AccessDeniedError } from "@/lib/auth/roles";
import { createWebhook, WebhookLimitError } from "@/lib/webhooks/create-webhook";
import { deleteWebhook } from "@/lib/webhooks/delete-webhook";
import { sendWebhookTest } from "@/lib/webhooks/send-webhook-test";
import { setWebhookActive } from "@/lib/webhooks/set-webhook-active";
import { WebhookTargetError } from "@/lib/webhooks/check-webhook-target";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/webhook-events";

// Every action is a public endpoint: it checks the role here and ownership in lib/webhooks, and parses its input.

const PATH = "/settings/webhooks";

export type AddWebhookError = "invalidUrl" | "notHttps" | "privateTarget" | "unresolvable" | "noEvents" | "limit";
export type AddWebhookState = { error: AddWebhookError | null; created: { secret: string; url: string } | null; url: string };

const addSchema = z.object({
  url: z.string().trim().min(1).max(2048),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1),
});

const TARGET_ERRORS: Record<WebhookTargetError["code"], AddWebhookError> = {
  "invalid-url": "invalidUrl",
  "not-https": "notHttps",
  "private-target": "privateTarget",
  unresolvable: "unresolvable",
};

export async function addWebhookAction(_previous: AddWebhookState, formData: FormData): Promise<AddWebhookState> {
  const actor = await requireRole(["admin", "sender"], PATH);
  const url = String(formData.get("url") ?? "");
  const parsed = addSchema.safeParse({ url, events: formData.getAll("events").map(String) });
  if (!parsed.success) {
    const error = parsed.error.issues.some((issue) => issue.path[0] === "events") ? "noEvents" : "invalidUrl";
    return { error, created: null, url };
  }
  try {
    const { secret } = await createWebhook(actor, parsed.data, { sourceIp: getClientIp(await headers()) });
    revalidatePath(PATH);
    // The only response that ever carries the secret; the page never reads it back.
    return { error: null, created: { secret, url: parsed.data.url }, url: "" };
  } catch (error) {
    if (error instanceof WebhookTargetError) return { error: TARGET_ERRORS[error.code], created: null, url };
    if (error instanceof WebhookLimitError) return { error: "limit", created: null, url };
    throw error;
  }
}

const idSchema = z.object({ webhookId: z.string().min(1).max(64) });

async function withOwnWebhook(formData: FormData, change: (webhookId: string, ctx: { sourceIp: string | null }) => Promise<unknown>): Promise<void> {
  const parsed = idSchema.safeParse({ webhookId: formData.get("webhookId") });
  if (!parsed.success) notFound();
  try {
    await change(parsed.data.webhookId, { sourceIp: getClientIp(await headers()) });
  } catch (error) {
    if (error instanceof AccessDeniedError) notFound();
    throw error;
  }
}

export async function sendTestEventAction(formData: FormData): Promise<void> {
  const actor = await requireRole(["admin", "sender"], PATH);
  await withOwnWebhook(formData, (id, ctx) => sendWebhookTest(actor, id, ctx));
  redirect(`${PATH}?done=test`);
}

export async function setWebhookActiveAction(formData: FormData): Promise<void> {
  const actor = await requireRole(["admin", "sender"], PATH);
  const active = formData.get("active") === "true";
  await withOwnWebhook(formData, (id, ctx) => setWebhookActive(actor, id, active, ctx));
  redirect(`${PATH}?done=${active ? "resumed" : "paused"}`);
}

export async function deleteWebhookAction(formData: FormData): Promise<void> {
  const actor = await requireRole(["admin", "sender"], PATH);
  await withOwnWebhook(formData, (id, ctx) => deleteWebhook(actor, id, ctx));
  redirect(`${PATH}?done=deleted`);
}
