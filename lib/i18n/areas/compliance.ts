// Strings for compliance review: the audit log search with export and verification, a message's history,
// break-glass access to content and the admins' notice of it.

import { complianceDe } from "@/lib/i18n/areas/compliance-de";
import { complianceEn } from "@/lib/i18n/areas/compliance-en";

export const complianceMessages = { en: complianceEn, de: complianceDe };
