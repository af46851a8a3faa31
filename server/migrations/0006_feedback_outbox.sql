-- Feedback notifications through an outbox: an event that followers are to hear of is marked in
-- the same statement that writes it, so nothing committed is ever left untold; the dispatcher
-- (worker role: woken in process, and polling for other processes' events) delivers it to the
-- inbox and clears the mark in one transaction.

ALTER TABLE feedback.report_events ADD COLUMN notify_pending boolean NOT NULL DEFAULT false;
CREATE INDEX report_events_pending_idx ON feedback.report_events (id) WHERE notify_pending;
