"use client";

import { useEffect } from "react";

/**
 * Reports that a person is looking at the message. It runs only in a browser that rendered the page and runs
 * its script, so link scanners, prefetches and HEAD requests never produce a read receipt. The server action
 * re-checks access and records nothing after the first time.
 */
export function RecordView({ recipientId, action }: { recipientId: string; action: (recipientId: string) => Promise<void> }) {
  useEffect(() => {
    action(recipientId).catch(() => {
      // A receipt is best effort from here; reading the message must not fail because of it.
    });
  }, [recipientId, action]);
  return null;
}
