import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import { isoCBOR } from "@simplewebauthn/server/helpers";
import { describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/passwords";
import { createPasskeyAuthenticationOptions } from "@/lib/auth/passkeys/create-authentication-options";
import { createPasskeyRegistrationOptions } from "@/lib/auth/passkeys/create-registration-options";
import { listPasskeys } from "@/lib/auth/passkeys/list-passkeys";
import { PasskeyError } from "@/lib/auth/passkeys/passkey-error";
import { registerPasskey } from "@/lib/auth/passkeys/register-passkey";
import { removePasskey } from "@/lib/auth/passkeys/remove-passkey";
import { verifyPasskeySignIn } from "@/lib/auth/passkeys/verify-passkey-sign-in";
import { AccessDeniedError, type Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";

// Passkey ceremonies against a software authenticator built here from the WebAuthn spec (Level 3 §6.1 authenticator
// data, §6.5 attestation object with fmt "none", §5.8.1 client data): an ES256 key pair from node:crypto, CBOR
// from @simplewebauthn/server/helpers. setup-env.ts sets PUBLIC_URL=http://localhost:3000, so RP ID "localhost".

type CBORType = Parameters<typeof isoCBOR.encode>[0];

const ORIGIN = "http://localhost:3000";
const RP_ID = "localhost";
const b64url = (bytes: Uint8Array | Buffer) => Buffer.from(bytes).toString("base64url");
const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest();

class SoftAuthenticator {
  readonly credentialId = randomBytes(32);
  private readonly keys = generateKeyPairSync("ec", { namedCurve: "P-256" });
  constructor(
    readonly userId: string,
    public counter = 0,
  ) {}

  /** The result of navigator.credentials.create() as @simplewebauthn/browser sends it. */
  register(challenge: string, origin = ORIGIN) {
    const clientDataJSON = Buffer.from(JSON.stringify({ type: "webauthn.create", challenge, origin, crossOrigin: false }));
    const jwk = this.keys.publicKey.export({ format: "jwk" });
    // COSE_Key (RFC 9053 §7.1.1): kty EC2, alg ES256, crv P-256, x, y.
    const coseKey = new Map<number, number | Uint8Array>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, Buffer.from(jwk.x ?? "", "base64url")],
      [-3, Buffer.from(jwk.y ?? "", "base64url")],
    ]);
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length);
    const attestedCredentialData = Buffer.concat([Buffer.alloc(16), idLength, this.credentialId, Buffer.from(isoCBOR.encode(coseKey))]);
    // Flags: UP (0x01) | UV (0x04) | AT (0x40).
    const authData = Buffer.concat([this.authDataHead(0x45), attestedCredentialData]);
    const attestationObject = isoCBOR.encode(
      new Map<string, CBORType>([
        ["fmt", "none"],
        ["attStmt", new Map<string, CBORType>()],
        ["authData", authData],
      ]),
    );
    return {
      id: b64url(this.credentialId),
      rawId: b64url(this.credentialId),
      type: "public-key",
      response: { clientDataJSON: b64url(clientDataJSON), attestationObject: b64url(attestationObject), transports: ["internal", "bogus"] },
      clientExtensionResults: {},
    };
  }

  /** The result of navigator.credentials.get(): bumps the counter when it keeps one (counter > 0). */
  assert(challenge: string, options: { origin?: string; counter?: number; userVerified?: boolean } = {}) {
    if (this.counter > 0) this.counter += 1;
    const counter = options.counter ?? this.counter;
    const clientDataJSON = Buffer.from(JSON.stringify({ type: "webauthn.get", challenge, origin: options.origin ?? ORIGIN, crossOrigin: false }));
    const authData = this.authDataHead(options.userVerified === false ? 0x01 : 0x05, counter);
    const signature = sign("sha256", Buffer.concat([authData, sha256(clientDataJSON)]), this.keys.privateKey as KeyObject);
    return {
      id: b64url(this.credentialId),
      rawId: b64url(this.credentialId),
      type: "public-key",
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        userHandle: b64url(Buffer.from(this.userId, "utf8")),
      },
      clientExtensionResults: {},
    };
  }

  private authDataHead(flags: number, counter = this.counter): Buffer {
    const signCount = Buffer.alloc(4);
    signCount.writeUInt32BE(counter);
    return Buffer.concat([sha256(RP_ID), Buffer.from([flags]), signCount]);
  }
}

async function createUser(email: string): Promise<Actor> {
  const user = await getDb().user.create({
    data: { email, name: email.split("@")[0] ?? "user", role: "recipient", passwordHash: await hashPassword("correct horse battery staple") },
  });
  return { id: user.id, email: user.email, name: user.name, role: "recipient" };
}

async function addPasskey(actor: Actor, authenticator: SoftAuthenticator, name = "Laptop") {
  const { options, cookie } = await createPasskeyRegistrationOptions(actor);
  return registerPasskey(actor, { response: authenticator.register(options.challenge), name, challengeCookie: cookie.value });
}

async function signInWith(authenticator: SoftAuthenticator, options: Parameters<SoftAuthenticator["assert"]>[1] = {}, now?: Date) {
  const { options: request, cookie } = await createPasskeyAuthenticationOptions();
  return verifyPasskeySignIn({ response: authenticator.assert(request.challenge, options), challengeCookie: cookie.value }, { sourceIp: "192.0.2.9", now });
}

async function lastFailureReason(): Promise<unknown> {
  const event = await getDb().auditEvent.findFirst({ where: { type: "user.sign_in_failed" }, orderBy: { seq: "desc" } });
  return event ? JSON.parse(event.data).reason : null;
}

describe("passkey registration", () => {
  it("asks for a discoverable, user-verified credential bound to PUBLIC_URL's host", async () => {
    const actor = await createUser("options@example.net");
    const { options, cookie } = await createPasskeyRegistrationOptions(actor);
    expect(options.rp).toEqual({ id: RP_ID, name: "Sealpost" });
    expect(options.user.name).toBe("options@example.net");
    expect(options.user.id).toBe(b64url(Buffer.from(actor.id)));
    expect(options.authenticatorSelection).toMatchObject({ residentKey: "required", userVerification: "required" });
    expect(options.challenge.length).toBeGreaterThanOrEqual(43);
    expect(cookie).toMatchObject({ name: "sealpost-passkey", options: { httpOnly: true, sameSite: "strict", maxAge: 300, secure: false } });
    expect(cookie.value).not.toContain(options.challenge);
  });

  it("verifies the attestation, stores the credential and audits passkey.registered", async () => {
    const actor = await createUser("register@example.net");
    const authenticator = new SoftAuthenticator(actor.id);
    const { id } = await addPasskey(actor, authenticator, "  Work laptop  ");
    const row = await getDb().passkey.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ userId: actor.id, credentialId: b64url(authenticator.credentialId), counter: 0, transports: "internal", name: "Work laptop" });
    expect(row.publicKey.length).toBeGreaterThan(60);
    const event = await getDb().auditEvent.findFirstOrThrow({ where: { type: "passkey.registered", actorId: actor.id } });
    expect(JSON.parse(event.data)).toMatchObject({ passkeyId: id, name: "Work laptop" });
    expect(await listPasskeys(actor)).toEqual([{ id, name: "Work laptop", createdAt: row.createdAt, lastUsedAt: null }]);
  });

  it("refuses a used, foreign, forged or expired challenge, a wrong origin and a second registration of one authenticator", async () => {
    const actor = await createUser("refuse@example.net");
    const other = await createUser("other@example.net");
    const authenticator = new SoftAuthenticator(actor.id);
    const { options, cookie } = await createPasskeyRegistrationOptions(actor);
    const response = authenticator.register(options.challenge);
    const attempt = (input: Partial<Parameters<typeof registerPasskey>[1]>, who = actor, now?: Date) =>
      registerPasskey(who, { response, name: "x", challengeCookie: cookie.value, ...input }, { now }).then(
        () => "registered",
        (error: unknown) => (error instanceof PasskeyError ? error.code : String(error)),
      );

    expect(await attempt({}, other)).toBe("challenge");
    expect(await attempt({ challengeCookie: `${cookie.value.split(".")[0]}.AAAA` })).toBe("challenge");
    expect(await attempt({}, actor, new Date(Date.now() + 6 * 60_000))).toBe("challenge");
    expect(await attempt({ response: { ...response, type: "other" } })).toBe("invalid-input");
    expect(await attempt({ response: authenticator.register(options.challenge, "https://evil.example") })).toBe("verification");
    expect(await attempt({})).toBe("registered");
    expect(await attempt({})).toBe("challenge");

    const again = await createPasskeyRegistrationOptions(actor);
    expect(again.options.excludeCredentials?.map((c) => c.id)).toEqual([b64url(authenticator.credentialId)]);
    const twice = await registerPasskey(actor, { response: authenticator.register(again.options.challenge), name: "y", challengeCookie: again.cookie.value }).catch(
      (error: unknown) => error,
    );
    expect(twice).toBeInstanceOf(PasskeyError);
    expect((twice as PasskeyError).code).toBe("already-registered");
    expect(await getDb().passkey.count({ where: { userId: actor.id } })).toBe(1);
  });
});

describe("passkey sign-in", () => {
  it("signs in with a discoverable credential, stores the counter and audits user.signed_in", async () => {
    const actor = await createUser("signin@example.net");
    const authenticator = new SoftAuthenticator(actor.id, 7);
    const { id } = await addPasskey(actor, authenticator);
    const { options } = await createPasskeyAuthenticationOptions();
    expect(options).toMatchObject({ rpId: RP_ID, userVerification: "required" });
    expect(options.allowCredentials ?? []).toEqual([]);

    const user = await signInWith(authenticator);
    expect(user).toEqual({ id: actor.id, email: actor.email, name: actor.name, role: "recipient", sessionVersion: 0 });
    const row = await getDb().passkey.findUniqueOrThrow({ where: { id } });
    expect(row.counter).toBe(8);
    expect(row.lastUsedAt).not.toBeNull();
    const event = await getDb().auditEvent.findFirstOrThrow({ where: { type: "user.signed_in", actorId: actor.id } });
    expect(event.sourceIp).toBe("192.0.2.9");
    expect(JSON.parse(event.data)).toEqual({ via: "passkey", passkeyId: id });
  });

  it("rejects a counter that did not grow (a cloned authenticator)", async () => {
    const actor = await createUser("counter@example.net");
    const authenticator = new SoftAuthenticator(actor.id, 5);
    await addPasskey(actor, authenticator);
    expect(await signInWith(authenticator)).not.toBeNull();
    expect(await signInWith(authenticator, { counter: 3 })).toBeNull();
    expect(await lastFailureReason()).toBe("verification");
    expect(await signInWith(authenticator, { counter: 6 })).toBeNull();
    expect(await getDb().passkey.findFirstOrThrow({ where: { userId: actor.id } })).toMatchObject({ counter: 6 });
  });

  it("rejects a wrong origin, missing user verification, an unknown credential and a foreign user handle", async () => {
    const actor = await createUser("origin@example.net");
    const authenticator = new SoftAuthenticator(actor.id);
    await addPasskey(actor, authenticator);
    expect(await signInWith(authenticator, { origin: "https://evil.example" })).toBeNull();
    expect(await lastFailureReason()).toBe("verification");
    expect(await signInWith(authenticator, { userVerified: false })).toBeNull();
    expect(await lastFailureReason()).toBe("verification");
    expect(await signInWith(new SoftAuthenticator(actor.id))).toBeNull();
    expect(await lastFailureReason()).toBe("unknown-passkey");
    const impostor = Object.assign(Object.create(SoftAuthenticator.prototype) as SoftAuthenticator, authenticator, { userId: "someone-else" });
    expect(await signInWith(impostor)).toBeNull();
    expect(await lastFailureReason()).toBe("user-handle");
    expect(await signInWith(authenticator)).not.toBeNull();
  });

  it("uses each challenge once and only within 5 minutes; a forged cookie fails", async () => {
    const actor = await createUser("replay@example.net");
    // Counter 0: many passkeys keep no counter, so only the single-use challenge stops a replay.
    const authenticator = new SoftAuthenticator(actor.id, 0);
    await addPasskey(actor, authenticator);
    const { options, cookie } = await createPasskeyAuthenticationOptions();
    const response = authenticator.assert(options.challenge);
    expect(await verifyPasskeySignIn({ response: JSON.stringify(response), challengeCookie: cookie.value })).not.toBeNull();
    expect(await verifyPasskeySignIn({ response, challengeCookie: cookie.value })).toBeNull();
    expect(await lastFailureReason()).toBe("replayed");

    expect(await signInWith(authenticator, {}, new Date(Date.now() + 5 * 60_000 + 1_000))).toBeNull();
    expect(await lastFailureReason()).toBe("challenge");
    const fresh = await createPasskeyAuthenticationOptions();
    const [, signature] = fresh.cookie.value.split(".");
    const forged = `${Buffer.from(JSON.stringify({ challenge: options.challenge, purpose: "authenticate", userId: null, exp: Date.now() + 60_000 })).toString("base64url")}.${signature}`;
    expect(await verifyPasskeySignIn({ response: authenticator.assert(options.challenge), challengeCookie: forged })).toBeNull();
    expect(await lastFailureReason()).toBe("challenge");
    const registration = await createPasskeyRegistrationOptions(actor);
    expect(await verifyPasskeySignIn({ response: authenticator.assert(registration.options.challenge), challengeCookie: registration.cookie.value })).toBeNull();
    expect(await lastFailureReason()).toBe("challenge");
  });

  it("refuses a deactivated user", async () => {
    const actor = await createUser("deactivated@example.net");
    const authenticator = new SoftAuthenticator(actor.id);
    await addPasskey(actor, authenticator);
    await getDb().$transaction((tx) => tx.user.update({ where: { id: actor.id }, data: { deactivatedAt: new Date() } }));
    expect(await signInWith(authenticator)).toBeNull();
    expect(await lastFailureReason()).toBe("deactivated");
  });
});

describe("removing a passkey", () => {
  it("removes the owner's passkey (audited), refuses anyone else's (audited), and the passkey stops working", async () => {
    const actor = await createUser("remove@example.net");
    const other = await createUser("thief@example.net");
    const authenticator = new SoftAuthenticator(actor.id);
    const { id } = await addPasskey(actor, authenticator);

    await expect(removePasskey(other, id, { sourceIp: "192.0.2.66" })).rejects.toBeInstanceOf(AccessDeniedError);
    const denied = await getDb().auditEvent.findFirstOrThrow({ where: { type: "access.denied", actorId: other.id } });
    expect(JSON.parse(denied.data)).toMatchObject({ resource: `passkey:${id}`, reason: "not-owner" });
    expect(await getDb().passkey.count({ where: { id } })).toBe(1);

    await removePasskey(actor, id);
    expect(await listPasskeys(actor)).toEqual([]);
    const removed = await getDb().auditEvent.findFirstOrThrow({ where: { type: "passkey.removed", actorId: actor.id } });
    expect(JSON.parse(removed.data)).toEqual({ passkeyId: id, name: "Laptop" });
    expect(await signInWith(authenticator)).toBeNull();
    expect(await lastFailureReason()).toBe("unknown-passkey");
  });
});
