-- The audit log is append-only (issue 4): the database itself refuses to change or remove an event, so
-- application code, a stray script or an ORM bug cannot rewrite history. Someone who drops these triggers
-- still cannot hide it: `sealpost audit verify` recomputes the hash chain.
CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE ON "AuditEvent"
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only');
END;

CREATE TRIGGER "AuditEvent_no_delete" BEFORE DELETE ON "AuditEvent"
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only');
END;
