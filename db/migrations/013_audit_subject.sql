-- The case view reads an order's audit trail by subject (the order number, its attempts' ids,
-- "second review N"): without an index that is a scan of the whole log per case opened.
CREATE INDEX audit_log_subject ON audit_log(subject);
