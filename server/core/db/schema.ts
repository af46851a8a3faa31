import type { ColumnType, Generated } from 'kysely'

/**
 * Kysely's view of the tables. It mirrors the SQL migrations in server/migrations/ (the source of
 * truth); modules add their tables here as they add migrations.
 */
export interface DB {
  'public.schema_migrations': SchemaMigrationsTable
  'public.seed_runs': SeedRunsTable
  'geo.wards': WardsTable
  'geo.old_wards': OldWardsTable
  'geo.ward_links': WardLinksTable
  'geo.layers': LayersTable
  'geo.traffic_cameras': TrafficCamerasTable
  'geo.flood_points': FloodPointsTable
  'geo.facilities': FacilitiesTable
}

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

export interface SchemaMigrationsTable {
  version: string
  name: string
  checksum: string
  applied_at: Generated<Timestamp>
}

export interface SeedRunsTable {
  name: string
  checksum: string
  rows: number
  applied_at: Generated<Timestamp>
}

export type WardKind = 'phuong' | 'xa' | 'dac_khu'

export interface WardsTable {
  code: string
  name: string
  name_en: string
  full_name: string
  full_name_en: string
  kind: WardKind
  code_name: string
  province_code: string
  area_km2: number
  /** geometry(MultiPolygon, 4326): write with ST_GeomFromGeoJSON, read with ST_AsGeoJSON */
  geom: unknown
  search_text: string
}

export interface OldWardsTable {
  code: string
  name: string
  old_province_code: string
  old_province_name: string
  search_text: string
}

export interface WardLinksTable {
  old_code: string
  new_code: string
  /** 'full': the whole old ward went into the new one; 'partial': part of it did */
  kind: 'full' | 'partial'
}

export interface LayersTable {
  id: string
  version: Generated<number>
  updated_at: Generated<Timestamp>
  feature_count: Generated<number>
}

export interface TrafficCamerasTable {
  id: string
  code: string
  cam_id: string | null
  display_name: string
  cam_type: string | null
  old_district: string | null
  management_unit: string | null
  angle: number | null
  ward_code: string | null
  geom: unknown
}

export interface FloodPointsTable {
  id: string
  no: number
  cause: 'rain' | 'tide'
  place: string
  located_by: string | null
  road_class: string | null
  reported_date: string | null
  source: string | null
  ward_code: string | null
  geom: unknown | null
}

export interface FacilitiesTable {
  id: string
  kind: string
  name: string
  address: string | null
  phone: string | null
  website: string | null
  ward_code: string | null
  geom: unknown
}
