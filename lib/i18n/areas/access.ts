// Strings for getting in: the portal link landing page, registration, sign-in, new-device codes, password
// reset, the password and session parts of /account, and the account emails (device code, reset, changed).

import { accessDe } from "@/lib/i18n/areas/access-de";
import { accessEn } from "@/lib/i18n/areas/access-en";

export const accessMessages = { en: accessEn, de: accessDe };
