// Auth.js endpoints (session, CSRF, sign-out, credentials callback) under /api/auth.
import { handlers } from "@/lib/auth/auth";

export const { GET, POST } = handlers;
