import type { HeaderBlock } from "@/lib/intake/split-header-fields";

// Messages written in the portal carry a Message-ID that names their Sealpost id: `<{id}.sealpost@{host}>`.
// A later message whose In-Reply-To or References (RFC 5322 §3.6.4) names such an id joins that message's
// thread. This needs no Message-ID stored in clear: the id is the message's primary key. Message-IDs minted
// elsewhere (a staff member's own mail client) are not recognised: matching them would mean storing every
// message's Message-ID, which the model does not keep.
const LOCAL_PART_SUFFIX = ".sealpost";
const SEALPOST_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.sealpost@[^<>\s@]+$/i;
const MSG_ID = /<([^<>\s]+)>/g;

/** The Message-ID (with angle brackets) for a message Sealpost composes itself. */
export function formatSealpostMessageId(messageId: string, hostname: string): string {
  return `<${messageId}${LOCAL_PART_SUFFIX}@${hostname}>`;
}

export type ThreadReferences = {
  /** The Sealpost id named by In-Reply-To, if any: the message this one answers. */
  inReplyTo: string | null;
  /** Sealpost ids named by References, most recent (last) first. */
  references: string[];
};

/** Reads In-Reply-To and References from the raw header block and keeps the ids Sealpost minted. */
export function readThreadReferences(raw: Buffer, block: HeaderBlock): ThreadReferences {
  const ids = (name: string) =>
    block.fields
      .filter((field) => field.name === name)
      .flatMap((field) => sealpostIds(raw.toString("latin1", field.start, field.end)));
  return { inReplyTo: ids("in-reply-to")[0] ?? null, references: ids("references").reverse() };
}

function sealpostIds(fieldText: string): string[] {
  const value = fieldText.slice(fieldText.indexOf(":") + 1);
  const found: string[] = [];
  for (const match of value.matchAll(MSG_ID)) {
    const id = SEALPOST_ID.exec(match[1]!)?.[1];
    if (id) found.push(id.toLowerCase());
  }
  return found;
}
