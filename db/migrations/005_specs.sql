-- The rule specs that findings were judged by, each kept once. A decision's findings record names
-- its spec by digest ("id_card:3f09a1c2b7d45e60") instead of repeating every rule's thresholds, so
-- an auditor can still read what each rule was held against after the spec files have changed.
CREATE TABLE specs (
  digest      TEXT PRIMARY KEY,
  doc_type    TEXT NOT NULL,
  body        TEXT NOT NULL,   -- the merged spec as compact JSON
  first_seen  TEXT NOT NULL
) WITHOUT ROWID;
