import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";

// Role tests for every page and route handler the app serves. The app/ tree is inventoried (route groups
// dropped) and compared with ROUTES below, so a new page, route or handler method fails this file until someone
// says who may use it. Then every route is requested over HTTP by a visitor and by one signed-in person of each
// role (real sign-in once each, then plain fetch with their cookie or API token): allowed people get the
// route's answer, everyone else a redirect to sign-in, a bare 404 or 401, and each refusal of a signed-in person
// must leave an `access.denied` event in the database the app writes. Domains map to a closed loopback port:
// device codes and notifications land in the dev mailbox only.
Object.assign(process.env, {
  TRANSPORT_MAP: "plain.example=127.0.0.1:9,staff.example=127.0.0.1:9",
  CONNECT_TIMEOUT: "2s",
  GREETING_TIMEOUT: "2s",
  SOCKET_TIMEOUT: "2s",
});

const { changeUserRole } = await import("@/lib/admin/change-user-role");
const { createApiToken } = await import("@/lib/auth/api-tokens");
const { hashPassword } = await import("@/lib/auth/passwords");
const { grantBreakGlass } = await import("@/lib/compliance/grant-break-glass");
const { getDb } = await import("@/lib/db");
const { startWorker } = await import("@/lib/queue/worker");
const { getOrgSettings, setOrgSettings } = await import("@/lib/settings/org-settings");
const { launchBrowser, newPage, signIn } = await import("@/test/support/browser");
const { listAppRoutes, routePattern } = await import("@/test/support/route-inventory");
const { seedEscrowedMessage } = await import("@/test/support/seed-escrowed-message");
const { startWebApp } = await import("@/test/support/web-app");

type Role = "recipient" | "sender" | "compliance" | "admin";
type Who = "anonymous" | Role;
/** How a route's [segment] can belong to someone; `related` objects belong to RELATED_USER, `unrelated` to nobody signed in here. */
type Relation = "own-recipient-row" | "own-sent-message" | "break-glass-grant" | "own-webhook";
type Subject = "related" | "unrelated";
/** An answer: the status (any of a list), where a redirect leads (pathname), and whether an `access.denied` event must follow. */
type Expect = { status: number | number[]; redirectTo?: string; audited?: boolean };
type Probe = { path: string; body?: string };
type Rule = {
  /** "public": everyone, signed in or not. Else the roles that get `ok`: on any object, or only on the one related to them. */
  allow: "public" | Partial<Record<Role, "any" | "related">>;
  relation?: Relation;
  /** A session cookie (default) or an API token (`/api/v1`: a person without a token sends only their cookie). */
  credential?: "session" | "token";
  probe: (subject: Subject) => Probe | Promise<Probe>;
  /** Default 200. */
  ok?: Expect;
  /** Public pages that send signed-in people on. */
  okSignedIn?: Expect;
  /** Default for pages: to /signin with the page as callbackUrl. */
  anonymous?: Expect;
};

const ROLES: Role[] = ["recipient", "sender", "compliance", "admin"];
const WHO: Who[] = ["anonymous", ...ROLES];
const RELATED_USER: Record<Relation, Role> = { "own-recipient-row": "recipient", "own-sent-message": "sender", "break-glass-grant": "compliance", "own-webhook": "sender" };
const NOT_FOUND: Expect = { status: 404, audited: true };
const BARE_404: Expect = { status: 404 };
const NO_TOKEN: Expect = { status: 401 };
const UNKNOWN_TOKEN = "A".repeat(43);
const EVERYONE = { recipient: "any", sender: "any", compliance: "any", admin: "any" } as const;
const STAFF = { sender: "any", compliance: "any", admin: "any" } as const;
const SENDING = { sender: "any", admin: "any" } as const;
const AUDIT_READERS = { compliance: "any", admin: "any" } as const;
const ADMIN = { admin: "any" } as const;
const OWN_ROW = { recipient: "related" } as const;

// Filled in by beforeAll; probes read them when they run.
const ids = { m1: "", m2: "", rita: "", tom: "", sally: "", oscar: "", mailbox: "" };
const row = (subject: Subject) => (subject === "related" ? ids.rita : ids.tom);
const message = (subject: Subject) => (subject === "related" ? ids.m1 : ids.m2);

/** A fresh webhook per request: deleting one is the success being tested, and it must not take another's. */
async function webhookOf(subject: Subject): Promise<string> {
  const ownerUserId = subject === "related" ? ids.sally : ids.oscar;
  const created = await getDb().webhook.create({
    data: { ownerUserId, url: "https://hooks.plain.example/in", secretSealed: new Uint8Array(32), secretKeyId: "test", events: "delivered" },
  });
  return created.id;
}

const page = (path: string) => () => ({ path });
const REPORT_RANGE = "report=daily&from=2026-01-01&to=2026-01-31";

/** Who may use what. Keys are "METHOD /path" as in the app/ tree (route groups dropped). */
const ROUTES: Record<string, Rule> = {
  // Public: sign-in, registration and link landing pages, health, Auth.js.
  "GET /": { allow: "public", probe: page("/") },
  "GET /signin": { allow: "public", probe: page("/signin"), okSignedIn: { status: 307, redirectTo: "/" } },
  "GET /register": { allow: "public", probe: page("/register") },
  "GET /reset-password": { allow: "public", probe: page("/reset-password") },
  "GET /reset-password/[token]": { allow: "public", probe: page(`/reset-password/${UNKNOWN_TOKEN}`) },
  "GET /setup/[token]": { allow: "public", probe: page(`/setup/${UNKNOWN_TOKEN}`) },
  "GET /invite/[token]": { allow: "public", probe: page(`/invite/${UNKNOWN_TOKEN}`) },
  "GET /verify-device": { allow: "public", probe: page("/verify-device") },
  "GET /verify-mfa": { allow: "public", probe: page("/verify-mfa") },
  "GET /open": { allow: "public", probe: page("/open") },
  "GET /open/[token]": { allow: "public", probe: page(`/open/${UNKNOWN_TOKEN}`) },
  "GET /api/health": { allow: "public", probe: page("/api/health") },
  "GET /api/auth/[...nextauth]": { allow: "public", probe: page("/api/auth/session") },
  // Auth.js refuses any POST without its CSRF token (double-submit cookie) before doing anything: 400 for all.
  "POST /api/auth/[...nextauth]": { allow: "public", probe: () => ({ path: "/api/auth/session", body: "{}" }), ok: { status: 400 } },

  // Anyone signed in: their account, their inbox (listing only rows addressed to them).
  "GET /account": { allow: EVERYONE, probe: page("/account") },
  "GET /account/mfa": { allow: STAFF, probe: page("/account/mfa") },
  "GET /inbox": { allow: EVERYONE, probe: page("/inbox") },

  // One recipient row: only the person it is addressed to, whatever their role.
  "GET /inbox/[recipientId]": { allow: OWN_ROW, relation: "own-recipient-row", probe: (s) => ({ path: `/inbox/${row(s)}` }) },
  "GET /inbox/[recipientId]/attachments/[index]": {
    allow: OWN_ROW, relation: "own-recipient-row", probe: (s) => ({ path: `/inbox/${row(s)}/attachments/0` }), anonymous: BARE_404,
  },
  "GET /inbox/[recipientId]/eml": { allow: OWN_ROW, relation: "own-recipient-row", probe: (s) => ({ path: `/inbox/${row(s)}/eml` }), anonymous: BARE_404 },
  // No passphrase on this message: the rightful recipient is sent on to the message.
  "GET /inbox/[recipientId]/passphrase": {
    allow: OWN_ROW, relation: "own-recipient-row", probe: (s) => ({ path: `/inbox/${row(s)}/passphrase` }), ok: { status: 307, redirectTo: "/inbox/[rita]" },
  },
  "GET /inbox/[recipientId]/print": { allow: OWN_ROW, relation: "own-recipient-row", probe: (s) => ({ path: `/inbox/${row(s)}/print` }) },
  "GET /inbox/[recipientId]/reply": { allow: OWN_ROW, relation: "own-recipient-row", probe: (s) => ({ path: `/inbox/${row(s)}/reply` }) },
  "GET /inbox/[recipientId]/reply/sent": { allow: OWN_ROW, relation: "own-recipient-row", probe: (s) => ({ path: `/inbox/${row(s)}/reply/sent` }) },
  "GET /compose": { allow: { recipient: "any", ...SENDING }, probe: page("/compose") },
  "GET /compose/sent": { allow: { recipient: "any", ...SENDING }, probe: page("/compose/sent") },

  // Senders: their own messages' status; admins see any message's status (never its content).
  "GET /sent": { allow: SENDING, probe: page("/sent") },
  "GET /sent/[messageId]": { allow: { sender: "related", admin: "any" }, relation: "own-sent-message", probe: (s) => ({ path: `/sent/${message(s)}` }) },
  "GET /settings/tokens": { allow: SENDING, probe: page("/settings/tokens") },
  "GET /settings/webhooks": { allow: SENDING, probe: page("/settings/webhooks") },

  // Audit pages: compliance and admins. Content only for compliance, with a running break-glass grant.
  "GET /compliance": { allow: AUDIT_READERS, probe: page("/compliance") },
  "GET /compliance/messages/[messageId]": { allow: AUDIT_READERS, probe: () => ({ path: `/compliance/messages/${ids.m1}` }) },
  "GET /compliance/messages/[messageId]/content": {
    allow: { compliance: "related" }, relation: "break-glass-grant", probe: (s) => ({ path: `/compliance/messages/${message(s)}/content` }),
  },
  "GET /compliance/reports": { allow: AUDIT_READERS, probe: page("/compliance/reports") },
  "GET /compliance/export": { allow: AUDIT_READERS, probe: page("/compliance/export?format=csv"), anonymous: BARE_404 },
  "GET /compliance/reports/export": { allow: AUDIT_READERS, probe: page(`/compliance/reports/export?${REPORT_RANGE}`), anonymous: BARE_404 },

  // Admin console.
  "GET /admin": { allow: ADMIN, probe: page("/admin") },
  "GET /admin/branding": { allow: ADMIN, probe: page("/admin/branding") },
  "GET /admin/mailbox": { allow: ADMIN, probe: page("/admin/mailbox") },
  "GET /admin/mailbox/[id]": { allow: ADMIN, probe: () => ({ path: `/admin/mailbox/${ids.mailbox}` }) },
  "GET /admin/policies": { allow: ADMIN, probe: page("/admin/policies") },
  "GET /admin/retention": { allow: ADMIN, probe: page("/admin/retention") },
  "GET /admin/settings": { allow: ADMIN, probe: page("/admin/settings") },
  "GET /admin/users": { allow: ADMIN, probe: page("/admin/users") },
  "GET /admin/users/[userId]": { allow: ADMIN, probe: () => ({ path: `/admin/users/${ids.sally}` }) },

  // HTTP API: Bearer tokens, which only senders and admins hold (TOKEN_HOLDER_ROLES). The compliance officer's
  // token is one she was given as a sender before an admin moved her to compliance, which revoked it: 401 on
  // every route, see expected().
  "POST /api/v1/messages": {
    allow: SENDING, credential: "token", anonymous: NO_TOKEN, ok: { status: 202 },
    probe: () => ({ path: "/api/v1/messages", body: JSON.stringify({ to: ["tom@plain.example"], subject: "Role test", text: "Hello." }) }),
  },
  "GET /api/v1/messages/[id]": {
    allow: { sender: "related" }, relation: "own-sent-message", credential: "token", anonymous: NO_TOKEN, probe: (s) => ({ path: `/api/v1/messages/${message(s)}` }),
  },
  "GET /api/v1/webhooks": { allow: SENDING, credential: "token", anonymous: NO_TOKEN, probe: page("/api/v1/webhooks") },
  // An empty body passes the gate and fails validation (422); a refused caller never gets that far.
  "POST /api/v1/webhooks": {
    allow: SENDING, credential: "token", anonymous: NO_TOKEN, ok: { status: 422 }, probe: () => ({ path: "/api/v1/webhooks", body: "{}" }),
  },
  "DELETE /api/v1/webhooks/[id]": {
    allow: { sender: "related", admin: "any" }, relation: "own-webhook", credential: "token", anonymous: NO_TOKEN, ok: { status: 204 },
    probe: async (s) => ({ path: `/api/v1/webhooks/${await webhookOf(s)}` }),
  },
};

const PASSWORD = "correct horse battery staple";
const USERS: Record<Role, { email: string; name: string }> = {
  recipient: { email: "rita@plain.example", name: "Rita Recipient" },
  sender: { email: "sally@staff.example", name: "Sally Sender" },
  compliance: { email: "cora@staff.example", name: "Cora Compliance" },
  admin: { email: "ada@staff.example", name: "Ada Admin" },
};
type Credentials = { userId: string; cookie: string; token: string | null; tokenId: string | null };
const people = {} as Record<Role, Credentials>;

let app: Awaited<ReturnType<typeof startWebApp>>;
let browser: Browser;
let worker: ReturnType<typeof startWorker>;

async function createUser(role: Role, email: string, name: string): Promise<string> {
  return (await getDb().user.create({ data: { email, name, role, passwordHash: await hashPassword(PASSWORD) } })).id;
}

/** Signs in through the real form (device code included) and keeps the browser's cookies as one header. */
async function signInForCookie(email: string): Promise<string> {
  const tab = await newPage(browser);
  await signIn(tab, app.url, email, PASSWORD, "/account");
  const cookies = await tab.context().cookies(app.url);
  await tab.context().close();
  return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

beforeAll(async () => {
  const userIds = {} as Record<Role, string>;
  for (const role of ROLES) userIds[role] = await createUser(role === "compliance" ? "sender" : role, USERS[role].email, USERS[role].name);
  ids.sally = userIds.sender;
  ids.oscar = await createUser("sender", "oscar@staff.example", "Oscar Other");
  const admin = { id: userIds.admin, email: USERS.admin.email, name: USERS.admin.name, role: "admin" as const };
  const tokens = {
    sender: await createApiToken(userIds.sender, "role test"),
    admin: await createApiToken(userIds.admin, "role test"),
    // Issued while Cora was a sender; then an admin moves her to compliance, as the console does.
    compliance: await createApiToken(userIds.compliance, "from sender days"),
  };
  await changeUserRole(admin, userIds.compliance, "compliance");
  // The expectations assume the defaults for staff MFA; break-glass must be on for a grant to exist at all.
  expect((await getOrgSettings()).requireStaffMfa).toBe(false);
  await setOrgSettings(admin, { breakGlassEnabled: true });

  const m1 = await seedEscrowedMessage({
    to: [USERS.recipient.email, "tom@plain.example"], subject: "Board pack", text: "Confidential.", senderUserId: userIds.sender,
    attachments: [{ filename: "figures.csv", content: "a,b\n1,2\n", contentType: "text/csv" }],
  });
  const m2 = await seedEscrowedMessage({ to: ["tom@plain.example"], subject: "Other", text: "Other.", senderUserId: ids.oscar });
  ids.m1 = m1.messageId;
  ids.m2 = m2.messageId;
  ids.rita = m1.recipients.find((r) => r.address === USERS.recipient.email)!.id;
  ids.tom = m1.recipients.find((r) => r.address === "tom@plain.example")!.id;
  const cora = { id: userIds.compliance, email: USERS.compliance.email, name: USERS.compliance.name, role: "compliance" as const };
  await grantBreakGlass(cora, { messageId: ids.m1, justification: "Regulator request 2026-17 about the board pack's distribution." });

  [app, browser] = await Promise.all([startWebApp(), launchBrowser()]);
  worker = startWorker({ pollMs: 50, maxPollMs: 200 });
  await Promise.all(
    ROLES.map(async (role) => {
      const token = role === "recipient" ? null : tokens[role];
      people[role] = { userId: userIds[role], cookie: await signInForCookie(USERS[role].email), token: token?.token ?? null, tokenId: token?.id ?? null };
    }),
  );
  ids.mailbox = (await getDb().devMailboxMessage.findFirstOrThrow({ select: { id: true } })).id;
});

afterAll(async () => {
  await worker?.stop();
  await browser?.close();
  await app?.stop();
});

function splitKey(key: string): { method: string; path: string } {
  const [method, path] = key.split(" ");
  return { method: method!, path: path! };
}

/** What `who` should get from `rule` on `subject`. */
function expected(rule: Rule, who: Who, subject: Subject): Expect & { allowed: boolean } {
  const usesToken = rule.credential === "token";
  const credentialless = who === "anonymous" || (usesToken && who === "recipient");
  if (rule.allow === "public") return { ...((who === "anonymous" ? rule.ok : (rule.okSignedIn ?? rule.ok)) ?? { status: 200 }), allowed: true };
  if (credentialless) return { ...(rule.anonymous ?? { status: 307, redirectTo: "/signin" }), allowed: false };
  // A token revoked when its holder moved to a role that holds none: as good as no token.
  if (usesToken && who === "compliance") return { ...NO_TOKEN, allowed: false };
  const access = rule.allow[who];
  if (access === "any" || (access === "related" && subject === "related")) return { ...(rule.ok ?? { status: 200 }), allowed: true };
  // A signed-in person whose role is not allowed, or who lacks the relation: 404, audited.
  return { ...NOT_FOUND, allowed: false };
}

async function lastSeq(): Promise<number> {
  return (await getDb().auditEvent.aggregate({ _max: { seq: true } }))._max.seq ?? 0;
}

/** Requests the route as `who` and returns what differs from the expectation (empty when all is as it should be). */
async function check(key: string, rule: Rule, who: Who, subject: Subject): Promise<string[]> {
  const { method } = splitKey(key);
  const probe = await rule.probe(subject);
  const want = expected(rule, who, subject);
  const person = who === "anonymous" ? null : people[who];
  const headers: Record<string, string> = {};
  if (person && rule.credential === "token" && person.token) headers.authorization = `Bearer ${person.token}`;
  else if (person) headers.cookie = person.cookie;
  if (probe.body !== undefined) headers["content-type"] = "application/json";
  const before = await lastSeq();
  const response = await fetch(`${app.url}${probe.path}`, { method, headers, body: probe.body, redirect: "manual" });
  await response.arrayBuffer();
  const label = `${who} ${method} ${probe.path} (${key}, ${subject})`;
  const problems: string[] = [];
  const statuses = Array.isArray(want.status) ? want.status : [want.status];
  if (!statuses.includes(response.status)) problems.push(`${label}: status ${response.status}, expected ${statuses.join(" or ")}`);
  if (want.redirectTo && response.status >= 300 && response.status < 400) {
    const location = new URL(response.headers.get("location") ?? "", app.url);
    const target = want.redirectTo.replace("[rita]", ids.rita);
    if (location.pathname !== target) problems.push(`${label}: redirected to ${location.pathname}, expected ${target}`);
    if (target === "/signin" && location.searchParams.get("callbackUrl") !== new URL(probe.path, app.url).pathname) {
      problems.push(`${label}: sign-in does not lead back (callbackUrl=${location.searchParams.get("callbackUrl")})`);
    }
  }
  if (!want.allowed && want.audited && person) {
    const actorIds = [person.userId, ...(person.tokenId ? [person.tokenId] : [])];
    const denials = await getDb().auditEvent.count({ where: { type: "access.denied", actorId: { in: actorIds }, seq: { gt: before } } });
    if (denials === 0) problems.push(`${label}: refused without an access.denied audit event`);
  }
  return problems;
}

describe("role tests", () => {
  it("classifies every page and route handler in app/, and names no route that is gone", () => {
    const served = listAppRoutes(fileURLToPath(new URL("../../app", import.meta.url))).flatMap((route) =>
      route.methods.map((method) => ({ key: `${method} ${route.path}`, file: route.file })),
    );
    const unclassified = served.filter(({ key }) => !(key in ROUTES)).map(({ key, file }) => `${key} (app/${file}): add it to ROUTES with who may use it`);
    const gone = Object.keys(ROUTES).filter((key) => !served.some((route) => route.key === key)).map((key) => `${key}: no longer in app/, remove it from ROUTES`);
    expect([...unclassified, ...gone]).toEqual([]);
    // Each probe must request the route it stands for, and the relation-bound roles must be the related people.
    for (const [key, rule] of Object.entries(ROUTES)) {
      if (rule.allow === "public") continue;
      for (const [role, access] of Object.entries(rule.allow)) {
        if (access === "related") expect(rule.relation && RELATED_USER[rule.relation], key).toBe(role);
      }
    }
  });

  it("answers each route for a visitor and each role as the table says, auditing every refusal", async () => {
    for (const [key, rule] of Object.entries(ROUTES)) {
      const pattern = routePattern(splitKey(key).path);
      const probe = await rule.probe("related");
      expect(new URL(probe.path, app.url).pathname, key).toMatch(pattern);
    }
    // One sequence per person, run side by side: within a sequence each request waits for the one before, so
    // the audit events carrying that person's ids after a request's starting sequence number are its own.
    const problems = await Promise.all(
      WHO.map(async (who) => {
        const found: string[] = [];
        for (const [key, rule] of Object.entries(ROUTES)) {
          const subjects: Subject[] = rule.relation ? ["related", "unrelated"] : ["related"];
          for (const subject of subjects) found.push(...(await check(key, rule, who, subject)));
        }
        return found;
      }),
    );
    expect(problems.flat()).toEqual([]);
  });

  it("lists only the recipient's own messages in their inbox and only the sender's own in their sent list", async () => {
    const read = async (role: Role, path: string) => (await fetch(`${app.url}${path}`, { headers: { cookie: people[role].cookie }, redirect: "manual" })).text();
    const inbox = await read("recipient", "/inbox");
    expect(inbox).toContain(`/inbox/${ids.rita}`);
    expect(inbox).not.toContain(ids.tom);
    const sent = await read("sender", "/sent");
    expect(sent).toContain(ids.m1);
    expect(sent).not.toContain(ids.m2);
  });
});
