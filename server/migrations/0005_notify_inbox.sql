-- Notify: the in-app inbox. Modules deliver through the notify service; a delivery key makes a
-- retried delivery (a job run twice) a no-op.

CREATE SCHEMA notify;

CREATE TABLE notify.inbox (
  id           uuid PRIMARY KEY,
  resident_id  uuid NOT NULL REFERENCES identity.residents (id),
  delivery_key text NOT NULL UNIQUE,
  title        text NOT NULL,
  title_en     text NOT NULL,
  body         text NOT NULL,
  body_en      text NOT NULL,
  link         text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  read_at      timestamptz
);
CREATE INDEX inbox_resident_idx ON notify.inbox (resident_id, created_at DESC);
