-- The audit log is append-only (issue 4): the database itself refuses to change or remove an event, so
-- application code, a stray script or an ORM bug cannot rewrite history. Someone who drops these triggers
-- still cannot hide it: `sealpost audit verify` recomputes the hash chain.
--
-- The function body is an E'' string with the statement terminator written as \073: @prisma/adapter-pg runs
-- migration scripts by splitting them at every semicolon, even inside quotes and comments (so no comment
-- here may contain one). The body is one RAISE EXCEPTION statement between BEGIN and END.
CREATE FUNCTION "audit_event_refuse_change"() RETURNS trigger LANGUAGE plpgsql
AS E'BEGIN RAISE EXCEPTION ''audit events are append-only'' USING ERRCODE = ''insufficient_privilege''\073 END';

CREATE TRIGGER "AuditEvent_no_update_or_delete" BEFORE UPDATE OR DELETE ON "AuditEvent"
    FOR EACH ROW EXECUTE FUNCTION "audit_event_refuse_change"();

-- TRUNCATE skips row triggers, so it needs its own statement-level one.
CREATE TRIGGER "AuditEvent_no_truncate" BEFORE TRUNCATE ON "AuditEvent"
    FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_refuse_change"();
