/**
 * Canonical JSON for hashing audit events: object keys sorted by UTF-16 code units, no whitespace, strings
 * and numbers written as JSON.stringify writes them. For the values audit data holds (strings, finite
 * numbers, booleans, null, arrays, plain objects) this is RFC 8785 (JCS), so a third party can recompute a
 * hash with any JCS library. As with JSON.stringify, `toJSON` is honoured (Dates become ISO strings),
 * undefined object members are left out, undefined array items and non-finite numbers become null. Parsing the output and
 * canonicalising again gives the same text, which is what lets `verifyAuditChain` re-hash stored rows.
 */
export function canonicalJson(value: unknown): string {
  const json = canonicalValue(value);
  if (json === undefined) throw new TypeError("canonicalJson: the value has no JSON form");
  return json;
}

function canonicalValue(value: unknown): string | undefined {
  if (value !== null && typeof value === "object" && typeof (value as { toJSON?: unknown }).toJSON === "function") {
    return canonicalValue((value as { toJSON(): unknown }).toJSON());
  }
  if (value === null || typeof value === "string" || typeof value === "boolean") return JSON.stringify(value);
  // NaN and ±Infinity become null, as JSON.stringify writes them: recording an audit event must not fail.
  if (typeof value === "number") return JSON.stringify(value);
  if (typeof value === "bigint") throw new TypeError("canonicalJson: BigInt has no JSON form");
  if (Array.isArray(value)) return `[${value.map((item) => canonicalValue(item) ?? "null").join(",")}]`;
  if (typeof value === "object") {
    const members: string[] = [];
    for (const key of Object.keys(value).sort()) {
      const member = canonicalValue((value as Record<string, unknown>)[key]);
      if (member !== undefined) members.push(`${JSON.stringify(key)}:${member}`);
    }
    return `{${members.join(",")}}`;
  }
  return undefined; // undefined, functions and symbols, as JSON.stringify leaves them out
}
