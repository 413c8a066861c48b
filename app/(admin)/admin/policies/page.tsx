import type { Metadata } from "next";
import type { SearchParams } from "@/app/_components/page-props";
import { AddPolicyForm } from "@/app/(admin)/admin/policies/add-policy-form";
import { PolicyTable } from "@/app/(admin)/admin/policies/policy-table";
import { ProbeForm } from "@/app/(admin)/admin/policies/probe-form";
import { requireRole } from "@/lib/auth/require-role";
import { TLS_POLICIES } from "@/lib/delivery/domain-policy";
import { listDomainPolicies } from "@/lib/delivery/find-domain-policy";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { getMessages } from "@/lib/i18n/messages";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getMessages(await getRequestLocale()).adminPolicies.title };
}

const CARD = "space-y-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-6";

export default async function PoliciesPage({ searchParams }: { searchParams: SearchParams }) {
  await requireRole(["admin"], "/admin/policies");
  const locale = await getRequestLocale();
  const t = getMessages(locale).adminPolicies;
  const entries = await listDomainPolicies();
  const done = (await searchParams).done;
  const notice = typeof done === "string" ? t.notices[done] : undefined;
  return (
    <article className="space-y-8">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">{t.title}</h1>
        <p className="text-ink-600">{t.intro}</p>
      </header>
      {notice && (
        <p role="status" data-testid="policy-notice" className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-emerald-900">
          {notice}
        </p>
      )}
      <section aria-labelledby="probe-heading" className={CARD}>
        <h2 id="probe-heading" className="text-lg font-semibold">
          {t.probe.title}
        </h2>
        <p className="text-sm text-ink-600">{t.probe.intro}</p>
        <ProbeForm t={{ domain: t.probe.domain, domainHint: t.probe.domainHint, submit: t.probe.submit, submitting: t.probe.submitting }} />
      </section>
      <section aria-labelledby="table-heading" className="space-y-3">
        <h2 id="table-heading" className="text-lg font-semibold">
          {t.tableTitle}
        </h2>
        <PolicyTable entries={entries} locale={locale} />
      </section>
      <section aria-labelledby="add-heading" className={CARD}>
        <h2 id="add-heading" className="text-lg font-semibold">
          {t.addTitle}
        </h2>
        <div className="space-y-1 text-sm text-ink-600">
          <h3 className="font-semibold text-ink-900">{t.syntaxTitle}</h3>
          <ul className="list-disc space-y-1 pl-5">
            {t.syntax.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
        <AddPolicyForm
          t={{
            domain: t.domain,
            domainHint: t.domainHint,
            policy: t.policy,
            save: t.save,
            saving: t.saving,
            policies: TLS_POLICIES.map((policy) => ({ value: policy, label: t.policies[policy] ?? policy, hint: t.policyHints[policy] ?? "" })),
            errors: t.errors,
          }}
        />
      </section>
    </article>
  );
}
