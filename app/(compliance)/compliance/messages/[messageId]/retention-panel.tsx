import { RetentionForms } from "@/app/(compliance)/compliance/messages/[messageId]/retention-forms";
import { DetailList, type Detail } from "@/app/_components/detail-list";
import { requireRole } from "@/lib/auth/require-role";
import { formatDateTime } from "@/lib/i18n/format-date";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { getMessages } from "@/lib/i18n/messages";
import { getMessageRetention } from "@/lib/retention/get-message-retention";
import { LEGAL_HOLD_REASON_LENGTH } from "@/lib/retention/legal-hold-reason";
import { RETENTION_ROLES } from "@/lib/retention/require-retention-role";
import { DAY_MS } from "@/lib/retention/retention-settings";

const day = (date: Date) => date.toISOString().slice(0, 10);

/**
 * A message's retention on the compliance story page: when its content is due for deletion and why (its own
 * date or the organisation's default), its legal hold and reason, or when it was deleted; with the forms to
 * change them. Admin and compliance only: it gates itself, whatever page renders it.
 */
export async function RetentionPanel({ messageId }: { messageId: string }) {
  const actor = await requireRole(RETENTION_ROLES, `/compliance/messages/${messageId}`);
  const view = await getMessageRetention(actor, messageId);
  if (!view) return null;
  const locale = await getRequestLocale();
  const t = getMessages(locale).retention.panel;
  const time = (date: Date) => <time dateTime={date.toISOString()}>{formatDateTime(date, locale)}</time>;

  if (view.shreddedAt) {
    return (
      <div data-testid="retention-panel" data-state="shredded" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <DetailList items={[{ label: t.shredded, value: time(view.shreddedAt), testId: "retention-shredded-at" }]} />
        <p className="text-sm text-ink-600">{t.shreddedOn(formatDateTime(view.shreddedAt, locale))}</p>
      </div>
    );
  }

  const source =
    view.source === "override" ? t.sourceOverride : view.source === "default" && view.retentionDays !== null ? t.sourceDefault(view.retentionDays) : t.forever;
  const items: Detail[] = [
    {
      label: t.retentionEnd,
      value: (
        <span data-testid="retention-end" data-source={view.source}>
          {view.effectiveEnd ? <>{time(view.effectiveEnd)} · </> : null}
          <span className="text-ink-600">{source}</span>
        </span>
      ),
    },
    { label: t.legalHold, value: view.legalHold ? t.onHold : t.notOnHold, testId: "legal-hold-state" },
    ...(view.legalHold && view.legalHoldReason
      ? [{ label: t.holdReason, value: <span className="whitespace-pre-wrap">{view.legalHoldReason}</span>, testId: "legal-hold-reason" }]
      : []),
  ];
  return (
    <div data-testid="retention-panel" data-state={view.legalHold ? "held" : "kept"} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <DetailList items={items} />
      <RetentionForms
        messageId={view.messageId}
        labels={{ override: t.override, hold: t.hold, release: t.release, shred: t.shred }}
        retainUntil={{ value: view.retainUntil ? day(view.retainUntil) : "", min: day(new Date(Date.now() + DAY_MS)) }}
        hasOverride={view.retainUntil !== null}
        legalHold={view.legalHold}
        shredBlocked={view.legalHold ? t.shred.blockedByHold : view.deliveryPending ? t.shred.deliveryPending : null}
        reasonLength={LEGAL_HOLD_REASON_LENGTH}
      />
    </div>
  );
}
