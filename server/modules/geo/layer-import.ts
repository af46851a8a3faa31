import { once } from 'node:events'
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { Readable } from 'node:stream'
import { finished } from 'node:stream/promises'
import { toNfc } from '@dc/contracts'
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import chain from 'stream-chain'
import { parser } from 'stream-json'
import { pick } from 'stream-json/filters/pick.js'
import { streamValues } from 'stream-json/streamers/stream-values.js'
import Value from 'typebox/value'
import type { DB } from '../../core/db/schema.ts'
import { AppError, type FieldProblem } from '../../core/errors.ts'
import { type SchemaError, schemaProblems } from '../../core/http/validation-messages.ts'
import { markLayerChanged } from './layer.repository.ts'
import { pointSql, wardOfSql } from './layer.seed.ts'
import { importPropertiesSchema, type LayerDefinition } from './layers.ts'

/** Errors reported at most: enough to fix a file, not a wall of text. */
const MAX_ERRORS = 50
const INSERT_BATCH = 500
/** CRS names RFC 7946 GeoJSON may be declared in (lon/lat WGS84). Anything else is refused. */
const KNOWN_CRS = new Set([
  'urn:ogc:def:crs:OGC:1.3:CRS84',
  'urn:ogc:def:crs:OGC::CRS84',
  'http://www.opengis.net/def/crs/OGC/1.3/CRS84',
  'urn:ogc:def:crs:EPSG::4326',
  'EPSG:4326',
])

export interface ImportSummary {
  layer: string
  imported: number
  replaced: number
}

interface Row {
  id: string
  properties: Record<string, unknown>
  coordinates: [number, number] | null
}

const problem = (pointer: string, vi: string, en: string): FieldProblem => ({ pointer, message: { vi, en } })

/**
 * Replaces a layer's features with a GeoJSON FeatureCollection (RFC 7946), all or nothing.
 * Pass 1 streams the file (never whole in memory), validates every feature — structure, geometry
 * type, coordinates, CRS, properties against the layer's schema, unique ids — and spools the valid
 * rows to a temporary file. Any error: nothing is written and the errors name the feature index.
 * Pass 2 replaces the rows in one short transaction, so the database is held only for the write.
 */
export async function importLayer(
  db: Kysely<DB>,
  layer: LayerDefinition,
  source: Readable,
): Promise<ImportSummary> {
  if (!layer.importable) {
    throw new AppError('invalid_geojson', {
      detail: {
        vi: `Lớp "${layer.title.vi}" do hệ thống quản lý, không nhập từ tệp được.`,
        en: `The "${layer.title.en}" layer is managed by the platform and cannot be imported.`,
      },
    })
  }
  const dir = mkdtempSync(join(tmpdir(), 'dc-import-'))
  const spool = join(dir, 'rows.ndjson')
  try {
    const { count, errors } = await validateToSpool(layer, source, spool)
    if (errors.length > 0) throw new AppError('invalid_geojson', { errors })
    return await replaceFeatures(db, layer, spool, count)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function validateToSpool(
  layer: LayerDefinition,
  source: Readable,
  spool: string,
): Promise<{ count: number; errors: FieldProblem[] }> {
  const errors: FieldProblem[] = []
  const report = (error: FieldProblem) => {
    if (errors.length < MAX_ERRORS) errors.push(error)
  }
  const schema = importPropertiesSchema(layer)
  const ids = new Set<string>()
  const out = createWriteStream(spool)
  // Listen from the start: the file opens asynchronously, and an early error (or one after the
  // spool directory is removed on a refused file) must never surface as an uncaught 'error' event.
  const spoolClosed = finished(out)
  spoolClosed.catch(() => undefined)
  // pick() calls the filter once per match it starts, in document order: remember what each was.
  const kinds: Array<'type' | 'crs' | 'feature'> = []
  let index = -1
  let sawType = false
  let count = 0

  const pipelineStream = chain([
    source,
    parser(),
    pick({
      filter: (stack: (string | number | null)[]) => {
        if (stack.length === 1 && (stack[0] === 'type' || stack[0] === 'crs')) {
          kinds.push(stack[0])
          return true
        }
        if (stack.length === 2 && stack[0] === 'features' && typeof stack[1] === 'number') {
          kinds.push('feature')
          return true
        }
        return false
      },
    }),
    streamValues(),
  ])

  try {
    for await (const { value } of pipelineStream as AsyncIterable<{ value: unknown }>) {
      const kind = kinds.shift()
      if (kind === 'type') {
        sawType = true
        if (value !== 'FeatureCollection') {
          report(
            problem('/type', 'Tệp phải là một FeatureCollection.', 'The file must be a FeatureCollection.'),
          )
        }
      } else if (kind === 'crs') {
        const name = (value as { properties?: { name?: unknown } } | null)?.properties?.name
        if (typeof name !== 'string' || !KNOWN_CRS.has(name)) {
          report(
            problem(
              '/crs',
              `Hệ toạ độ "${String(name)}" không được hỗ trợ: dùng kinh độ/vĩ độ WGS84 (CRS84, EPSG:4326).`,
              `Coordinate reference system "${String(name)}" is not supported: use WGS84 lon/lat (CRS84, EPSG:4326).`,
            ),
          )
        }
      } else {
        index++
        const row = checkFeature(layer, schema, value, index, ids, report)
        if (row) {
          count++
          if (!out.write(`${JSON.stringify(row)}\n`)) await once(out, 'drain')
        }
      }
    }
  } catch (error) {
    out.destroy()
    await spoolClosed.catch(() => undefined)
    report(
      problem(
        '/',
        `Tệp không phải JSON hợp lệ (${(error as Error).message}).`,
        `The file is not valid JSON (${(error as Error).message}).`,
      ),
    )
    return { count, errors }
  }
  out.end()
  await spoolClosed
  if (!sawType)
    report(problem('/type', 'Thiếu "type": "FeatureCollection".', 'Missing "type": "FeatureCollection".'))
  if (index === -1 && errors.length === 0) {
    report(problem('/features', 'Tệp không có đối tượng nào (features).', 'The file has no features.'))
  }
  return { count, errors }
}

function checkFeature(
  layer: LayerDefinition,
  schema: ReturnType<typeof importPropertiesSchema>,
  value: unknown,
  index: number,
  ids: Set<string>,
  report: (error: FieldProblem) => void,
): Row | undefined {
  const at = `/features/${index}`
  const feature = value as { type?: unknown; id?: unknown; geometry?: unknown; properties?: unknown }
  if (typeof feature !== 'object' || feature === null || feature.type !== 'Feature') {
    report(problem(`${at}/type`, 'Phải là một Feature.', 'Must be a Feature.'))
    return undefined
  }
  let ok = true
  const id = feature.id === undefined || feature.id === null ? String(index + 1) : String(feature.id)
  if (ids.has(id)) {
    report(problem(`${at}/id`, `Mã "${id}" bị trùng.`, `Id "${id}" is used twice.`))
    ok = false
  }
  ids.add(id)

  const coordinates = checkGeometry(layer, feature.geometry, at, report)
  if (coordinates === undefined) ok = false

  const properties = normalise(feature.properties ?? {})
  if (!Value.Check(schema, properties)) {
    const errors = Value.Errors(schema, properties) as unknown as SchemaError[]
    for (const described of schemaProblems(errors, 'body').slice(0, 5)) {
      report({
        pointer: `${at}/properties${described.pointer === '/' ? '' : described.pointer}`,
        message: described.message,
      })
    }
    ok = false
  }
  return ok
    ? { id, properties: properties as Record<string, unknown>, coordinates: coordinates ?? null }
    : undefined
}

/** The point's [lon, lat], null for an allowed missing geometry, undefined when invalid (reported). */
function checkGeometry(
  layer: LayerDefinition,
  geometry: unknown,
  at: string,
  report: (error: FieldProblem) => void,
): [number, number] | null | undefined {
  if (geometry === null || geometry === undefined) {
    if (layer.geometryOptional) return null
    report(problem(`${at}/geometry`, 'Thiếu vị trí (geometry).', 'The location (geometry) is missing.'))
    return undefined
  }
  const g = geometry as { type?: unknown; coordinates?: unknown }
  if (g.type !== layer.geometryType || layer.geometryType !== 'Point') {
    report(
      problem(
        `${at}/geometry/type`,
        `Lớp này cần hình học kiểu ${layer.geometryType}, nhận được ${String(g.type)}.`,
        `This layer needs ${layer.geometryType} geometries, got ${String(g.type)}.`,
      ),
    )
    return undefined
  }
  const c = g.coordinates
  if (
    !Array.isArray(c) ||
    c.length < 2 ||
    c.length > 3 ||
    !c.every((n) => typeof n === 'number' && Number.isFinite(n))
  ) {
    report(
      problem(
        `${at}/geometry/coordinates`,
        'Toạ độ phải là [kinh độ, vĩ độ].',
        'Coordinates must be [longitude, latitude].',
      ),
    )
    return undefined
  }
  const [lon, lat] = c as [number, number]
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
    const swapped = lat >= 100 && lat <= 110 && lon >= 8 && lon <= 12
    report(
      problem(
        `${at}/geometry/coordinates`,
        swapped
          ? 'Toạ độ nằm ngoài phạm vi: có vẻ vĩ độ và kinh độ bị đảo chỗ (GeoJSON ghi [kinh độ, vĩ độ]).'
          : 'Toạ độ nằm ngoài phạm vi kinh độ −180…180, vĩ độ −90…90.',
        swapped
          ? 'Coordinates out of range: latitude and longitude look swapped (GeoJSON is [longitude, latitude]).'
          : 'Coordinates out of range: longitude −180…180, latitude −90…90.',
      ),
    )
    return undefined
  }
  return [lon, lat]
}

/** Text properties are stored NFC (the file may come from a tool that writes NFD). */
function normalise(properties: unknown): unknown {
  if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) return properties
  return Object.fromEntries(
    Object.entries(properties).map(([key, value]) => [key, typeof value === 'string' ? toNfc(value) : value]),
  )
}

async function replaceFeatures(
  db: Kysely<DB>,
  layer: LayerDefinition,
  spool: string,
  count: number,
): Promise<ImportSummary> {
  const columns = Object.entries(layer.properties).filter(([, p]) => !p.computed)
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{
      n: number
    }>`select count(*)::int as n from ${sql.table(layer.table)}`.execute(trx)
    await sql`delete from ${sql.table(layer.table)}`.execute(trx)
    let batch: Row[] = []
    const flush = async () => {
      if (batch.length === 0) return
      const values = batch.map(
        (row) =>
          sql`(${sql.join([
            sql`${row.id}`,
            ...columns.map(([name]) => sql`${row.properties[name] ?? null}`),
            wardOfSql(row.coordinates ? { type: 'Point', coordinates: row.coordinates } : null),
            pointSql(row.coordinates ? { type: 'Point', coordinates: row.coordinates } : null),
          ])})`,
      )
      await sql`
        insert into ${sql.table(layer.table)}
          (${sql.join([sql.ref(layer.idColumn), ...columns.map(([, p]) => sql.ref(p.column)), sql.ref('ward_code'), sql.ref('geom')])})
        values ${sql.join(values)}`.execute(trx)
      batch = []
    }
    const lines = createInterface({ input: createReadStream(spool), crlfDelay: Number.POSITIVE_INFINITY })
    for await (const line of lines) {
      if (!line) continue
      batch.push(JSON.parse(line) as Row)
      if (batch.length >= INSERT_BATCH) await flush()
    }
    await flush()
    await markLayerChanged(trx, layer)
    return { layer: layer.id, imported: count, replaced: rows[0]?.n ?? 0 }
  })
}
