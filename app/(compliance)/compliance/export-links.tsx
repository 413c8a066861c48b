import type { Messages } from "@/lib/i18n/messages";

const link = "rounded-md border border-slate-400 px-3 py-2 text-sm font-medium no-underline hover:bg-slate-100";

/** Download links for the current filter; the export route checks the role and streams the file. */
export function ExportLinks({ query, t }: { query: URLSearchParams; t: Messages["compliance"]["export"] }) {
  const href = (format: string) => {
    const withFormat = new URLSearchParams(query);
    withFormat.set("format", format);
    return `/compliance/export?${withFormat}`;
  };
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        <a href={href("csv")} download data-testid="export-csv" className={link}>
          {t.csv}
        </a>
        <a href={href("jsonl")} download data-testid="export-jsonl" className={link}>
          {t.jsonl}
        </a>
        <a href={href("bundle")} download data-testid="export-bundle" className={link}>
          {t.bundle}
        </a>
      </div>
      <p className="text-sm text-ink-600">{t.bundleNote}</p>
      <p className="text-sm text-ink-600">{t.bundleCheck}</p>
      {/* Commands are the CLI's own words (lib/cli/usage.ts), the same in every language. */}
      <pre className="rounded-md bg-slate-100 p-3 text-xs whitespace-pre-wrap wrap-anywhere">
        <code>{"sealpost audit public-key > audit-key.pem\nsealpost audit verify-bundle <bundle file> --public-key audit-key.pem"}</code>
      </pre>
    </div>
  );
}
