-- Feedback (phản ánh kiến nghị): categories, routing rules, reports, their timeline, photos,
-- followers and area follows. Reports point at identity (agencies, residents) and geo (wards) by
-- key; the module reads those through their services.

CREATE SCHEMA feedback;

-- The category tree (seeded from data/feedback-categories.json). Extra questions are a small
-- document always read and edited with their category (never queried by SQL), hence jsonb.
CREATE TABLE feedback.categories (
  id                    text PRIMARY KEY,
  parent_id             text REFERENCES feedback.categories (id),
  name                  text NOT NULL,
  name_en               text NOT NULL,
  description           text NOT NULL DEFAULT '',
  description_en        text NOT NULL DEFAULT '',
  deadline_working_days integer NOT NULL DEFAULT 10 CHECK (deadline_working_days BETWEEN 1 AND 60),
  requires_after_photo  boolean NOT NULL DEFAULT false,
  questions             jsonb NOT NULL DEFAULT '[]',
  sort_order            integer NOT NULL DEFAULT 0,
  active                boolean NOT NULL DEFAULT true
);

-- ward × category → agency. The most specific rule wins (the category itself before its parents,
-- a rule for the ward before one for every ward); no rule: the ward's People's Committee.
CREATE TABLE feedback.routing_rules (
  id          uuid PRIMARY KEY,
  category_id text NOT NULL REFERENCES feedback.categories (id),
  ward_code   text REFERENCES geo.wards (code),
  agency_id   text NOT NULL REFERENCES identity.agencies (id),
  note        text,
  updated_by  uuid,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX routing_rules_scope_idx ON feedback.routing_rules (category_id, coalesce(ward_code, '*'));

CREATE SEQUENCE feedback.report_number;

CREATE TABLE feedback.reports (
  id                  uuid PRIMARY KEY,
  code                text NOT NULL UNIQUE,
  category_id         text NOT NULL REFERENCES feedback.categories (id),
  description         text NOT NULL,
  description_hidden  boolean NOT NULL DEFAULT false,
  -- the description folded (no diacritics, lower case): search ignores diacritics
  search_text         text NOT NULL DEFAULT '',
  location            geography(Point, 4326) NOT NULL,
  location_precision  text NOT NULL CHECK (location_precision IN ('point', 'ward')),
  address             text,
  ward_code           text NOT NULL REFERENCES geo.wards (code),
  agency_id           text NOT NULL REFERENCES identity.agencies (id),
  status              text NOT NULL CHECK (status IN
                        ('submitted', 'forwarded', 'in_progress', 'resolved', 'rejected', 'closed', 'closed_not_fixed')),
  is_public           boolean NOT NULL,
  anonymous           boolean NOT NULL,
  source              text NOT NULL CHECK (source IN ('web', 'open311')),
  -- who sent it: a resident (web) or an integration's API key (Open311). Never shown when anonymous.
  reporter_id         uuid REFERENCES identity.residents (id),
  api_key_id          uuid,
  -- contact details given through Open311 (no resident account): encrypted like all personal data
  contact_name        text,
  contact_email_enc   text,
  contact_phone_enc   text,
  -- a retried submission (same submitter, same key) finds this report instead of making another
  submitter           text NOT NULL,
  idempotency_key     text,
  request_hash        text,
  me_too_count        integer NOT NULL DEFAULT 0,
  reopen_count        integer NOT NULL DEFAULT 0,
  submitted_at        timestamptz NOT NULL DEFAULT now(),
  forwarded_at        timestamptz,
  deadline_at         timestamptz,
  reminded_at         timestamptz,
  escalated_at        timestamptz,
  escalated_to        text REFERENCES identity.agencies (id),
  resolved_at         timestamptz,
  closed_at           timestamptz,
  rating              smallint CHECK (rating BETWEEN 1 AND 5),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  -- bumped by every change: caches of the public view and ETags key on it
  version             integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX reports_idempotency_idx ON feedback.reports (submitter, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
CREATE INDEX reports_location_idx ON feedback.reports USING gist (location);
CREATE INDEX reports_agency_status_idx ON feedback.reports (agency_id, status);
CREATE INDEX reports_escalated_idx ON feedback.reports (escalated_to) WHERE escalated_to IS NOT NULL;
CREATE INDEX reports_open_deadline_idx ON feedback.reports (deadline_at)
  WHERE status IN ('forwarded', 'in_progress');
CREATE INDEX reports_reporter_idx ON feedback.reports (reporter_id);
CREATE INDEX reports_public_idx ON feedback.reports (submitted_at DESC) WHERE is_public;

-- Answers to the category's extra questions, one row per answer value.
CREATE TABLE feedback.report_answers (
  report_id     uuid NOT NULL REFERENCES feedback.reports (id) ON DELETE CASCADE,
  question_code text NOT NULL,
  position      integer NOT NULL DEFAULT 0,
  value         text NOT NULL,
  PRIMARY KEY (report_id, question_code, position)
);

-- Agencies asked to take part besides the responsible one (the deadline becomes 15 working days).
CREATE TABLE feedback.report_coordinators (
  report_id uuid NOT NULL REFERENCES feedback.reports (id) ON DELETE CASCADE,
  agency_id text NOT NULL REFERENCES identity.agencies (id),
  added_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (report_id, agency_id)
);

-- The report's whole history: every status change, response, reassignment and moderation.
CREATE TABLE feedback.report_events (
  id          bigserial PRIMARY KEY,
  report_id   uuid NOT NULL REFERENCES feedback.reports (id) ON DELETE CASCADE,
  at          timestamptz NOT NULL DEFAULT now(),
  kind        text NOT NULL,
  actor_kind  text NOT NULL CHECK (actor_kind IN ('resident', 'official', 'system', 'integration')),
  actor_id    text,
  agency_id   text,
  from_status text,
  to_status   text,
  message     text,
  rating      smallint,
  -- shown on the public timeline (internal notes such as reminders are not)
  public      boolean NOT NULL DEFAULT true
);
CREATE INDEX report_events_report_idx ON feedback.report_events (report_id, id);

CREATE TABLE feedback.photos (
  id            uuid PRIMARY KEY,
  report_id     uuid REFERENCES feedback.reports (id) ON DELETE CASCADE,
  purpose       text NOT NULL CHECK (purpose IN ('report', 'after')),
  -- who uploaded it ('resident:<id>' or 'official:<id>'): only they may attach it
  uploaded_by   text NOT NULL,
  content_type  text NOT NULL,
  display       bytea NOT NULL,
  thumbnail     bytea NOT NULL,
  width         integer NOT NULL,
  height        integer NOT NULL,
  bytes         integer NOT NULL,
  sha256        text NOT NULL,
  -- read from the original's EXIF before it was stripped; officials only
  gps_lon       double precision,
  gps_lat       double precision,
  hidden_at     timestamptz,
  hidden_reason text,
  position      integer NOT NULL DEFAULT 0,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX photos_report_idx ON feedback.photos (report_id);
CREATE INDEX photos_unattached_idx ON feedback.photos (created_at) WHERE report_id IS NULL;

-- Residents who hear of every change: the reporter, "me too" residents and followers.
CREATE TABLE feedback.followers (
  report_id   uuid NOT NULL REFERENCES feedback.reports (id) ON DELETE CASCADE,
  resident_id uuid NOT NULL REFERENCES identity.residents (id),
  reason      text NOT NULL CHECK (reason IN ('reporter', 'me_too', 'follow')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (report_id, resident_id)
);
CREATE INDEX followers_resident_idx ON feedback.followers (resident_id);

-- Residents who hear of new public reports in a ward or within a radius of a point.
CREATE TABLE feedback.area_follows (
  id            uuid PRIMARY KEY,
  resident_id   uuid NOT NULL REFERENCES identity.residents (id),
  ward_code     text REFERENCES geo.wards (code),
  center        geography(Point, 4326),
  radius_meters integer CHECK (radius_meters BETWEEN 100 AND 5000),
  label         text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK ((ward_code IS NOT NULL) <> (center IS NOT NULL AND radius_meters IS NOT NULL))
);
CREATE INDEX area_follows_resident_idx ON feedback.area_follows (resident_id);
CREATE INDEX area_follows_ward_idx ON feedback.area_follows (ward_code);
CREATE INDEX area_follows_center_idx ON feedback.area_follows USING gist (center);

CREATE TABLE feedback.response_templates (
  id          uuid PRIMARY KEY,
  agency_id   text NOT NULL REFERENCES identity.agencies (id),
  category_id text REFERENCES feedback.categories (id),
  title       text NOT NULL,
  body        text NOT NULL,
  created_by  uuid,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX response_templates_agency_idx ON feedback.response_templates (agency_id);
