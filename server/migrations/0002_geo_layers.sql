-- Map layers: a registry, and one PostGIS table per layer with typed columns.

CREATE TABLE geo.layers (
  id           text PRIMARY KEY,
  -- bumped by every change of the layer's features: tile caches and ETags key on it
  version      integer NOT NULL DEFAULT 1,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  feature_count integer NOT NULL DEFAULT 0
);

-- Traffic cameras (282 in the 2017 snapshot of the city's traffic portal).
CREATE TABLE geo.traffic_cameras (
  id               text PRIMARY KEY,
  code             text NOT NULL,
  cam_id           text,
  display_name     text NOT NULL,
  cam_type         text,
  old_district     text,
  management_unit  text,
  angle            integer,
  ward_code        text REFERENCES geo.wards (code),
  geom             geometry(Point, 4326) NOT NULL
);
CREATE INDEX traffic_cameras_geom_idx ON geo.traffic_cameras USING gist (geom);

-- Flood-prone points announced by the traffic police; some could not be located (geom NULL):
-- they are kept and listed, but not mapped.
CREATE TABLE geo.flood_points (
  id              text PRIMARY KEY,
  no              integer NOT NULL,
  cause           text NOT NULL CHECK (cause IN ('rain', 'tide')),
  place           text NOT NULL,
  located_by      text,
  road_class      text,
  reported_date   date,
  source          text,
  ward_code       text REFERENCES geo.wards (code),
  geom            geometry(Point, 4326)
);
CREATE INDEX flood_points_geom_idx ON geo.flood_points USING gist (geom);

-- Public facilities (hospitals, schools, ward offices …), imported by officials.
CREATE TABLE geo.facilities (
  id          text PRIMARY KEY,
  kind        text NOT NULL CHECK (kind IN ('hospital', 'clinic', 'school', 'ward_office', 'police', 'market', 'park', 'other')),
  name        text NOT NULL,
  address     text,
  phone       text,
  website     text,
  ward_code   text REFERENCES geo.wards (code),
  geom        geometry(Point, 4326) NOT NULL
);
CREATE INDEX facilities_geom_idx ON geo.facilities USING gist (geom);

INSERT INTO geo.layers (id, feature_count) VALUES
  ('wards', (SELECT count(*) FROM geo.wards)), ('traffic-cameras', 0), ('flood-points', 0), ('facilities', 0);
