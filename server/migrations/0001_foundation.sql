-- Foundation: PostGIS, the seed ledger and the administrative units of the 2025 layout.
-- Runs on PostgreSQL 15 / PostGIS 3.3 (Debian) and PostgreSQL 18 / PostGIS 3.6 (PGlite): keep to
-- SQL both understand.

CREATE EXTENSION IF NOT EXISTS postgis;

-- Which seed data sets have been loaded, so a restart never loads them twice.
CREATE TABLE public.seed_runs (
  name        text PRIMARY KEY,
  checksum    text NOT NULL,
  rows        integer NOT NULL,
  applied_at  timestamptz NOT NULL DEFAULT now()
);

CREATE SCHEMA geo;

-- Ward-level units since 1 July 2025 (phường, xã, đặc khu). Codes are the GSO codes.
CREATE TABLE geo.wards (
  code           text PRIMARY KEY,
  name           text NOT NULL,
  name_en        text NOT NULL,
  full_name      text NOT NULL,
  full_name_en   text NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('phuong', 'xa', 'dac_khu')),
  code_name      text NOT NULL,
  province_code  text NOT NULL,
  area_km2       numeric(10, 2) NOT NULL,
  geom           geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
  -- lower-case, diacritics removed (đ → d): what search compares against
  search_text    text NOT NULL
);
CREATE INDEX wards_geom_idx ON geo.wards USING gist (geom);

-- Pre-2025 wards, which residents still write in addresses.
CREATE TABLE geo.old_wards (
  code               text PRIMARY KEY,
  name               text NOT NULL,
  old_province_code  text NOT NULL,
  old_province_name  text NOT NULL,
  search_text        text NOT NULL
);

-- Old → new: an old ward went wholly or partly into one or more new wards.
CREATE TABLE geo.ward_links (
  old_code  text NOT NULL REFERENCES geo.old_wards (code),
  new_code  text NOT NULL REFERENCES geo.wards (code),
  kind      text NOT NULL CHECK (kind IN ('full', 'partial')),
  PRIMARY KEY (old_code, new_code)
);
CREATE INDEX ward_links_new_idx ON geo.ward_links (new_code);
