import { z } from "zod";

// A token's name says where it is used ("CRM export", "scanner"); it is shown in listings and the audit trail.
export const apiTokenNameSchema = z.string().trim().min(1, "nameMissing").max(100, "nameTooLong");
