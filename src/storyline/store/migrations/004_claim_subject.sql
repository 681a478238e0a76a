-- Claims: what is counted (normalized, to compare claims across documents) and the top of a range.
ALTER TABLE claims ADD COLUMN subject TEXT;
ALTER TABLE claims ADD COLUMN quantity_max REAL;
CREATE INDEX claims_subject ON claims(subject);
