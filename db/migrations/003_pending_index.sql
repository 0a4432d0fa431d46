-- The queue index holds pending attempts only. A decision then just removes the attempt's entry
-- instead of moving it to the 'approved' or 'rejected' part of a full index, and the index stays
-- as small as the queue however many attempts have been decided.
DROP INDEX attempts_queue;
CREATE INDEX attempts_pending ON attempts(priority DESC, submitted_ms, id) WHERE status = 'pending';
