import { getOrgSettings } from "@/lib/settings/org-settings";

// Intake reads the tag for every message. Reading the settings table each time would put a query in front of
// every commit (on SQLite, queued behind the open write transaction), so the tag is cached briefly: an admin's
// change reaches intake within this many milliseconds.
const MAX_AGE_MS = 5_000;

// The pending read itself is cached, so a burst of messages shares one query.
let cached: { tag: Promise<string>; readAt: number } | null = null;

/** The subject tag in effect (organisation setting, else SUBJECT_TAG). */
export function currentSubjectTag(now = Date.now()): Promise<string> {
  if (!cached || now - cached.readAt > MAX_AGE_MS) {
    const tag = getOrgSettings().then((settings) => settings.subjectTag);
    cached = { tag, readAt: now };
    // A failed read is not cached: the next message asks again.
    tag.catch(() => {
      if (cached?.tag === tag) cached = null;
    });
  }
  return cached.tag;
}
