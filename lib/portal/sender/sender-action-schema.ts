import { z } from "zod";

// Input shapes of the sender's actions, parsed by the lib functions themselves (they are also called from tests
// and could be from the API): ids are cuids, never longer than 64 characters.
const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const recipientRefSchema = z.object({ messageId: id, recipientId: id });

export const changeExpirySchema = recipientRefSchema.extend({ expiresAt: z.date() });
