import { describe, expect, it } from "vitest";
import { changeUserRole } from "@/lib/admin/change-user-role";
import { deactivateUser } from "@/lib/admin/deactivate-user";
import { getManagedUser } from "@/lib/admin/get-managed-user";
import { issueApiToken } from "@/lib/admin/issue-api-token";
import { listApiTokens } from "@/lib/admin/list-api-tokens";
import { listStaffUsers } from "@/lib/admin/list-staff-users";
import { reactivateUser } from "@/lib/admin/reactivate-user";
import { resendInvitation } from "@/lib/admin/resend-invitation";
import { revokeUserApiToken } from "@/lib/admin/revoke-user-api-token";
import { searchRecipientUsers } from "@/lib/admin/search-recipient-users";
import { UserAdminError } from "@/lib/admin/user-admin-error";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { verifyApiToken } from "@/lib/auth/api-tokens";
import { getSessionActor } from "@/lib/auth/get-session-actor";
import { AccessDeniedError, type Actor, type Role } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";

// The admin's account management against a real SQLite file: role changes with the self and last-admin guards,
// deactivation ending sessions at once, and API tokens created and revoked with audit events.

let counter = 0;
async function createUser(role: Role, opts: { passwordHash?: string | null; email?: string } = {}): Promise<Actor> {
  counter += 1;
  const email = opts.email ?? `${role}${counter}@org.test`;
  const user = await getDb().user.create({ data: { email, name: `${role} ${counter}`, role, passwordHash: opts.passwordHash === undefined ? "hash" : opts.passwordHash } });
  return { id: user.id, email, name: user.name, role };
}

async function events(type: string, userId?: string) {
  const rows = await getDb().auditEvent.findMany({ where: { type }, orderBy: { seq: "asc" } });
  return rows.map((row) => ({ actorId: row.actorId, data: JSON.parse(row.data) as Record<string, unknown> })).filter((event) => !userId || event.data.userId === userId);
}

async function expectRefusal(promise: Promise<unknown>, code: string) {
  const error = await promise.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(UserAdminError);
  expect((error as UserAdminError).code).toBe(code);
}

describe("role changes", () => {
  it("change a staff role, audited with before and after", async () => {
    const admin = await createUser("admin");
    const sam = await createUser("sender");
    expect(await changeUserRole(admin, sam.id, "compliance", { sourceIp: "192.0.2.1" })).toEqual({ changed: true });
    expect((await getDb().user.findUniqueOrThrow({ where: { id: sam.id } })).role).toBe("compliance");
    expect(await events("user.role_changed", sam.id)).toEqual([{ actorId: admin.id, data: { userId: sam.id, before: "sender", after: "compliance" } }]);
    // The same role again changes and records nothing.
    expect(await changeUserRole(admin, sam.id, "compliance")).toEqual({ changed: false });
    expect(await events("user.role_changed", sam.id)).toHaveLength(1);
  });

  it("takes a person's API tokens away when they move to a role that sends no mail, and refuses tokens such a person still has", async () => {
    const admin = await createUser("admin");
    const sam = await createUser("sender");
    const { token, id } = await issueApiToken(admin, sam.id, "CRM export");
    expect(await verifyApiToken(token)).toMatchObject({ userId: sam.id, tokenId: id });

    await changeUserRole(admin, sam.id, "compliance");
    expect((await getDb().apiToken.findUniqueOrThrow({ where: { id } })).revokedAt).not.toBeNull();
    expect(await events("api_token.revoked", sam.id)).toEqual([{ actorId: admin.id, data: { tokenId: id, userId: sam.id, reason: "role-changed" } }]);
    expect(await verifyApiToken(token)).toBeNull();

    // A token row left active while the holder's role does not send (e.g. set by hand): refused and audited.
    const uma = await createUser("sender");
    const kept = await issueApiToken(admin, uma.id, "scanner");
    await getDb().$transaction((tx) => tx.user.update({ where: { id: uma.id }, data: { role: "compliance" } }));
    expect(await verifyApiToken(kept.token)).toBeNull();
    const denied = await getDb().auditEvent.findFirstOrThrow({ where: { type: "access.denied", actorId: kept.id } });
    expect(denied.actorType).toBe("api-token");
    expect(JSON.parse(denied.data)).toMatchObject({ resource: "api-token", reason: "role", role: "compliance", userId: uma.id });
  });

  it("never leave the organisation without an active admin, and never let admins demote themselves", async () => {
    await getDb().$transaction((tx) => tx.user.updateMany({ where: { role: "admin" }, data: { role: "sender" } }));
    const only = await createUser("admin");
    const invitedAdmin = await createUser("admin", { passwordHash: null });
    const other = await createUser("sender");
    await expectRefusal(changeUserRole(only, only.id, "sender"), "self");
    await expectRefusal(deactivateUser(only, only.id), "self");
    // Another admin acting on the last active one: still refused (an invited admin cannot sign in yet).
    const second = await createUser("admin");
    await getDb().$transaction((tx) => tx.user.update({ where: { id: second.id }, data: { deactivatedAt: new Date() } }));
    await expectRefusal(changeUserRole(second, only.id, "sender"), "last-admin");
    await expectRefusal(deactivateUser(second, only.id), "last-admin");
    expect((await getDb().user.findUniqueOrThrow({ where: { id: only.id } })).role).toBe("admin");
    // With a second active admin the demotion goes through.
    await changeUserRole(only, other.id, "admin");
    expect(await changeUserRole({ ...other, role: "admin" }, only.id, "sender")).toEqual({ changed: true });
    // An invited admin was never counted, so demoting one needs no other admin either way.
    expect(await changeUserRole({ ...other, role: "admin" }, invitedAdmin.id, "sender")).toEqual({ changed: true });
  });

  it("refuse recipients, unknown roles and non-admins", async () => {
    const admin = await createUser("admin");
    const recipient = await createUser("recipient");
    const sender = await createUser("sender");
    await expectRefusal(changeUserRole(admin, recipient.id, "sender"), "not-staff");
    await expectRefusal(changeUserRole(admin, "no-such-user", "sender"), "not-found");
    await expect(changeUserRole(admin, sender.id, "recipient")).rejects.toThrow();
    await expect(changeUserRole(sender, admin.id, "sender")).rejects.toBeInstanceOf(AccessDeniedError);
  });
});

describe("deactivation", () => {
  it("ends every session at once, blocks API tokens, and can be undone; both audited", async () => {
    const admin = await createUser("admin");
    const sam = await createUser("sender");
    const { token } = await issueApiToken(sam, sam.id, "CRM");
    const version = (await getDb().user.findUniqueOrThrow({ where: { id: sam.id } })).sessionVersion;
    expect(await getSessionActor(sam.id, version)).not.toBeNull();

    expect(await deactivateUser(admin, sam.id, { sourceIp: "192.0.2.2" })).toEqual({ changed: true });
    const after = await getDb().user.findUniqueOrThrow({ where: { id: sam.id } });
    expect(after.sessionVersion).toBe(version + 1);
    expect(after.deactivatedAt).toBeInstanceOf(Date);
    expect(await getSessionActor(sam.id, version)).toBeNull();
    expect(await verifyApiToken(token)).toBeNull();
    expect(await deactivateUser(admin, sam.id)).toEqual({ changed: false });
    expect((await getManagedUser(admin, sam.id))?.state).toBe("deactivated");
    await expectRefusal(issueApiToken(admin, sam.id, "New"), "deactivated");

    expect(await reactivateUser(admin, sam.id)).toEqual({ changed: true });
    // The old session stays ended; a new sign-in carries the new version.
    expect(await getSessionActor(sam.id, version)).toBeNull();
    expect(await getSessionActor(sam.id, version + 1)).not.toBeNull();
    expect(await verifyApiToken(token)).not.toBeNull();
    expect(await reactivateUser(admin, sam.id)).toEqual({ changed: false });
    expect((await events("user.deactivated", sam.id)).map((event) => event.actorId)).toEqual([admin.id]);
    expect((await events("user.reactivated", sam.id)).map((event) => event.actorId)).toEqual([admin.id]);
  });

  it("works for recipient accounts, found by searching their address", async () => {
    const admin = await createUser("admin");
    const rita = await createUser("recipient", { email: "rita.finder@outside.test" });
    expect((await searchRecipientUsers(admin, "FINDER@outside")).map((user) => user.email)).toEqual(["rita.finder@outside.test"]);
    await deactivateUser(admin, rita.id);
    expect((await searchRecipientUsers(admin, "rita.finder"))[0]?.state).toBe("deactivated");
    await expect(searchRecipientUsers({ ...rita, role: "recipient" }, "")).rejects.toBeInstanceOf(AccessDeniedError);
  });
});

describe("listing and invitations", () => {
  it("lists staff with state, second factor and last sign-in", async () => {
    const admin = await createUser("admin");
    const invited = await createUser("compliance", { passwordHash: null });
    const withMfa = await createUser("sender");
    await getDb().$transaction(async (tx) => {
      await tx.user.update({ where: { id: withMfa.id }, data: { totpEnabledAt: new Date(), totpSecretSealed: Buffer.from("x"), totpKeyId: "k" } });
      await recordAuditEvent(tx, { type: "user.signed_in", actorType: "user", actorId: withMfa.id, outcome: "success", data: { via: "password" } });
    });
    const users = await listStaffUsers(admin);
    const byId = new Map(users.map((user) => [user.id, user]));
    expect(byId.get(invited.id)).toMatchObject({ state: "invited", mfa: false, lastSignInAt: null });
    expect(byId.get(withMfa.id)).toMatchObject({ state: "active", mfa: true });
    expect(Date.now() - (byId.get(withMfa.id)?.lastSignInAt?.getTime() ?? 0)).toBeLessThan(60_000);
    expect(await getManagedUser(admin, withMfa.id)).toMatchObject({ mfa: true, isActor: false });
  });

  it("sends a pending invitation again, and only a pending one", async () => {
    const admin = await createUser("admin");
    const invited = await createUser("sender", { passwordHash: null });
    const active = await createUser("sender");
    await resendInvitation(admin, invited.id);
    expect(await events("user.invited", invited.id)).toEqual([{ actorId: admin.id, data: { userId: invited.id, role: "sender", reinvited: true } }]);
    expect(await getDb().job.count({ where: { kind: "send-invitation", payload: { contains: invited.id } } })).toBe(1);
    await expectRefusal(resendInvitation(admin, active.id), "not-invited");
  });
});

describe("API tokens", () => {
  it("are created and revoked by their owner or an admin, audited with the actor; the plaintext is shown once", async () => {
    const admin = await createUser("admin");
    const sam = await createUser("sender");
    const own = await issueApiToken(sam, sam.id, "  Scanner  ", { sourceIp: "192.0.2.3" });
    const byAdmin = await issueApiToken(admin, sam.id, "CRM export");
    expect(own.token).toMatch(/^sp_[A-Za-z0-9_-]{43}$/);
    expect(await verifyApiToken(byAdmin.token)).toMatchObject({ userId: sam.id, name: sam.name });
    const listed = await listApiTokens(sam, sam.id);
    expect(listed.map((token) => token.name).sort()).toEqual(["CRM export", "Scanner"]);
    expect(JSON.stringify(listed)).not.toContain(own.token);
    const created = await events("api_token.created", sam.id);
    expect(created.map((event) => [event.actorId, event.data.name])).toEqual([[sam.id, "Scanner"], [admin.id, "CRM export"]]);

    expect(await revokeUserApiToken(admin, own.id)).toEqual({ userId: sam.id, revoked: true });
    expect(await revokeUserApiToken(sam, own.id)).toEqual({ userId: sam.id, revoked: false });
    expect(await verifyApiToken(own.token)).toBeNull();
    const revoked = (await events("api_token.revoked")).filter((event) => event.data.tokenId === own.id);
    expect(revoked).toEqual([{ actorId: admin.id, data: { tokenId: own.id } }]);
  });

  it("refuse another sender's tokens (audited), bad names, and accounts that cannot hold tokens", async () => {
    const sam = await createUser("sender");
    const eve = await createUser("sender");
    const carla = await createUser("compliance");
    const admin = await createUser("admin");
    const token = await issueApiToken(sam, sam.id, "Mine");
    await expect(revokeUserApiToken(eve, token.id)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(listApiTokens(eve, sam.id)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(issueApiToken(eve, sam.id, "Sneaky")).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(revokeUserApiToken(eve, "no-such-token")).rejects.toBeInstanceOf(AccessDeniedError);
    expect(await verifyApiToken(token.token)).not.toBeNull();
    expect(await getDb().auditEvent.count({ where: { type: "access.denied", actorId: eve.id } })).toBe(4);
    await expect(issueApiToken(sam, sam.id, "   ")).rejects.toThrow();
    await expect(issueApiToken(sam, sam.id, "x".repeat(101))).rejects.toThrow();
    await expectRefusal(issueApiToken(admin, carla.id, "Nope"), "no-tokens-for-role");
    await expect(issueApiToken(carla, carla.id, "Nope")).rejects.toBeInstanceOf(AccessDeniedError);
  });
});
