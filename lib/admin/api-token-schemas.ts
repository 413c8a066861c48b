import { z } from "zod";

// A token's name says where it is used ("CRM export", "scanner"); it is shown in listings and the audit trail.
export const apiTokenNameSchema = z.string().trim().min(1, "nameMissing").max(100, "nameTooLong");

// Only accounts that send mail hold API tokens: a token authenticates intake (HTTP API and SMTP AUTH).
export const TOKEN_HOLDER_ROLES = ["admin", "sender"] as const;
