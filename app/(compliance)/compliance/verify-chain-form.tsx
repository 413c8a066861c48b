"use client";

import { useActionState } from "react";
import { verifyChainAction, type VerifyChainState } from "@/app/(compliance)/compliance/actions";
import { SubmitButton } from "@/app/_components/submit-button";

export type VerifyChainLabels = {
  submit: string;
  submitting: string;
  /** "{count}" is replaced by the number of events checked. */
  intact: string;
  /** "{seq}" is replaced by the first bad event's number. */
  broken: string;
  problems: Record<string, string>;
};

const initial: VerifyChainState = { state: "idle" };

/** The "Verify chain" button and its verdict, announced when it arrives. */
export function VerifyChainForm({ labels }: { labels: VerifyChainLabels }) {
  const [result, action] = useActionState(verifyChainAction, initial);
  return (
    <form action={action} className="space-y-3">
      <SubmitButton label={labels.submit} pendingLabel={labels.submitting} testId="verify-chain" />
      <div role="status" data-testid="verify-result" data-state={result.state}>
        {result.state === "intact" && <p className="font-medium text-emerald-800">{labels.intact.replace("{count}", String(result.checkedEvents))}</p>}
        {result.state === "broken" && (
          <div className="space-y-1 rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
            <p className="font-semibold">{labels.broken.replace("{seq}", String(result.seq))}</p>
            <p>{labels.problems[result.problem] ?? result.problem}</p>
            <p className="text-sm">{result.detail}</p>
          </div>
        )}
      </div>
    </form>
  );
}
