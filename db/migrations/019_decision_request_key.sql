-- A workstation whose connection to the queue went away does not know whether its decision
-- committed: it sends the same decision again, with the key it made when the reviewer pressed
-- approve or reject. The key is unique, so a retried decision finds the first one instead of
-- deciding twice (Store::decide). NULL for older rows and for the command line, which does not
-- retry. SQLite cannot ADD a UNIQUE column, so the uniqueness is a unique index, on both engines.
ALTER TABLE decisions ADD COLUMN request_key TEXT;
CREATE UNIQUE INDEX decisions_request_key ON decisions(request_key);
