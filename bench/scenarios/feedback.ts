import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { WARDS_FILE } from '../../server/modules/geo/ward.seed.ts'
import { WardLocator, type WardPolygons } from '../../server/modules/geo/ward-locator.ts'
import { BenchFailure } from '../lib/errors.ts'
import { measureHttp, type RequestSpec } from '../lib/http.ts'
import { connectOrSkip, redactedUrl } from '../lib/pg.ts'
import { residentSessions, type ScratchDatabase, scratchPlatformDatabase } from '../lib/platform-database.ts'
import { withServer } from '../lib/server-process.ts'
import { asBaseline, type BenchContext, type Scenario } from '../lib/types.ts'

/**
 * Residents' reports (phản ánh kiến nghị) on the platform server (role api) on PostgreSQL, each
 * scenario on its own copy of dc_bench (lib/platform-database.ts), dropped afterwards:
 * - feedback-submit: the whole submit path against a bare single-row INSERT … RETURNING;
 * - feedback-public-read: the cached public report page against one primary-key read.
 */
const RESIDENTS = 4
const POINTS = 2_000
const PUBLIC_REPORTS = 300
const POOL_SIZE = 10
const SUBMIT_PATH = '/api/v1/feedback/reports'

/** What residents send most, with the category's extra questions answered (some required). */
const SUBMISSIONS: ReadonlyArray<{
  categoryId: string
  description: string
  answers?: Record<string, string>
}> = [
  {
    categoryId: 'roads.pothole',
    description: 'Ổ gà lớn giữa làn xe máy, xe đi qua ban đêm rất dễ té ngã.',
    answers: { size: 'large' },
  },
  {
    categoryId: 'drainage.flooding',
    description: 'Mưa chiều nay nước ngập sâu, nhiều xe chết máy, miệng cống bị rác che kín.',
    answers: { depth: 'knee' },
  },
  {
    categoryId: 'traffic.signal',
    description: 'Đèn tín hiệu ở ngã tư chỉ nháy vàng từ sáng, xe cộ ùn ứ giờ cao điểm.',
    answers: { fault: 'flashing' },
  },
  {
    categoryId: 'waste.illegal_dumping',
    description: 'Xà bần bị đổ trộm trên vỉa hè suốt một tuần nay, lấn cả lòng đường.',
  },
  {
    categoryId: 'lighting.streetlight',
    description: 'Cả dãy đèn đường tắt, đoạn đường tối om sau 19 giờ.',
    answers: { pole_number: 'CS-1024' },
  },
]

/**
 * Pins spread over the whole city: the same number in every ward (sampled in the ward's box until
 * it falls inside), kept clear of borders so the server's index puts each in a ward as ours does.
 */
export function cityPoints(count: number): Array<[number, number]> {
  const file = JSON.parse(readFileSync(WARDS_FILE, 'utf8')) as {
    features: Array<{ properties: { code: string }; geometry: { coordinates: number[][][][] } }>
  }
  const wards: WardPolygons[] = file.features.map((f) => ({
    code: f.properties.code,
    coordinates: f.geometry.coordinates,
  }))
  const locator = WardLocator.fromWards(wards)
  const clear = 0.0005
  const points: Array<[number, number]> = []
  for (let i = 0; points.length < count; i++) {
    const ward = wards[i % wards.length] as WardPolygons
    const outer = ward.coordinates.flatMap((rings) => rings[0] ?? [])
    const xs = outer.map((c) => c[0] as number)
    const ys = outer.map((c) => c[1] as number)
    const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)]
    for (let attempt = 0; attempt < 200; attempt++) {
      const lon = minX + Math.random() * (maxX - minX)
      const lat = minY + Math.random() * (maxY - minY)
      const around: Array<[number, number]> = [
        [lon, lat],
        [lon - clear, lat],
        [lon + clear, lat],
        [lon, lat - clear],
        [lon, lat + clear],
      ]
      if (around.every(([x, y]) => locator.locate(x, y) === ward.code)) {
        points.push([Number(lon.toFixed(6)), Number(lat.toFixed(6))])
        break
      }
    }
  }
  return points
}

/** Each call: the next resident's session, the next pin, a new Idempotency-Key (a new report). */
export function submissions(
  sessions: Record<string, string>[],
  points: Array<[number, number]>,
): () => RequestSpec {
  let n = 0
  const run = randomUUID().slice(0, 8)
  return () => {
    const i = n++
    const [lon, lat] = points[i % points.length] as [number, number]
    const submission = SUBMISSIONS[i % SUBMISSIONS.length]
    return {
      path: SUBMIT_PATH,
      headers: {
        ...(sessions[i % sessions.length] as Record<string, string>),
        'content-type': 'application/json',
        'idempotency-key': `bench-${run}-${i}`,
      },
      body: JSON.stringify({ ...submission, location: { lon, lat }, anonymous: false, public: true }),
    }
  }
}

const isReport = (body: unknown) => {
  const report = body as { id?: unknown; ward?: { code?: unknown }; timeline?: unknown }
  return (
    typeof report.id === 'string' && typeof report.ward?.code === 'string' && Array.isArray(report.timeline)
  )
}

const platformServer = (url: string) => ({
  module: new URL('../servers/platform.ts', import.meta.url),
  env: { BENCH_DATABASE_URL: url, DATABASE_POOL_MAX: String(POOL_SIZE) },
  readyTimeoutMs: 120_000,
})

/**
 * Runs `measure` against the platform on a scratch copy of dc_bench named `name`, with residents
 * signed in; the copy is dropped afterwards, whatever happened.
 */
async function onScratchPlatform<T>(
  ctx: BenchContext,
  name: string,
  measure: (platform: { url: string; databaseUrl: string; sessions: Record<string, string>[] }) => Promise<T>,
): Promise<T & { database: ScratchDatabase }> {
  const database = await scratchPlatformDatabase(name, ctx.log)
  try {
    const sessions = await residentSessions(database.url, RESIDENTS)
    const result = await withServer(platformServer(database.url), (running) =>
      measure({ url: running.url, databaseUrl: database.url, sessions }),
    )
    return { ...result, database }
  } finally {
    await database.drop()
  }
}

/**
 * What the run left in the database: every report written, each with its notification in the
 * outbox (the forwarded event, pending: this server runs no worker to tell anyone).
 */
async function written(url: string): Promise<{ reports: number; notifyJobs: number }> {
  const client = await connectOrSkip(url)
  try {
    const { rows } = await client.query<{ reports: string; pending: string }>(
      `select (select count(*) from feedback.reports) as reports,
              (select count(*) from feedback.report_events
                where kind = 'forwarded' and notify_pending) as pending`,
    )
    return { reports: Number(rows[0]?.reports), notifyJobs: Number(rows[0]?.pending) }
  } finally {
    await client.end()
  }
}

export const feedbackSubmit: Scenario = {
  name: 'feedback-submit',
  description: `POST ${SUBMIT_PATH} on the platform (role api, PostgreSQL, pool ${POOL_SIZE}): validate, locate the ward, route, write, enqueue the notification; ${RESIDENTS} residents, a new Idempotency-Key per request, pins in every ward`,
  goal: { ratio: 0.5, against: 'db-insert-baseline' },
  async run(ctx) {
    const baseline = await ctx.scenario('db-insert-baseline')
    const { figure, rows, database } = await onScratchPlatform(
      ctx,
      'dc_bench_feedback_submit',
      async (platform) => {
        const figure = await measureHttp(ctx.config, {
          url: platform.url,
          method: 'POST',
          nextRequest: submissions(platform.sessions, cityPoints(POINTS)),
          expectBody: isReport,
        })
        return { figure, rows: await written(platform.databaseUrl) }
      },
    )
    // Every 2xx must have been a new report with its job: a replayed key would flatter the figure.
    if (rows.notifyJobs !== rows.reports) {
      throw new BenchFailure(`${rows.reports} reports written but ${rows.notifyJobs} notifications enqueued`)
    }
    return {
      ...figure,
      details: {
        ...figure.details,
        ...rows,
        residents: RESIDENTS,
        points: POINTS,
        poolSize: POOL_SIZE,
        database: redactedUrl(database.url),
        postgres: database.postgres,
      },
      baseline: asBaseline('db-insert-baseline', baseline),
    }
  },
}

export const feedbackPublicRead: Scenario = {
  name: 'feedback-public-read',
  description: `GET ${SUBMIT_PATH}/:id (public, cached view) over ${PUBLIC_REPORTS} public reports read round-robin, on the platform (role api, PostgreSQL)`,
  goal: { ratio: 1, against: 'db-read-baseline' },
  async run(ctx) {
    const baseline = await ctx.scenario('db-read-baseline')
    const { figure, database } = await onScratchPlatform(ctx, 'dc_bench_feedback_read', async (platform) => {
      const next = submissions(platform.sessions, cityPoints(PUBLIC_REPORTS))
      const ids = await submitReports(platform.url, next, PUBLIC_REPORTS)
      ctx.log(`seeded ${ids.length} public reports`)
      let n = 0
      // Per request, like db-read-baseline's random ids: both pay the same client cost per request.
      const figure = await measureHttp(ctx.config, {
        url: platform.url,
        nextPath: () => `${SUBMIT_PATH}/${ids[n++ % ids.length]}`,
        expectBody: isReport,
      })
      return { figure }
    })
    return {
      ...figure,
      details: { ...figure.details, reports: PUBLIC_REPORTS, database: redactedUrl(database.url) },
      baseline: asBaseline('db-read-baseline', baseline),
    }
  },
}

/** Sends `count` reports through the API, a few at a time; returns their ids. */
async function submitReports(url: string, next: () => RequestSpec, count: number): Promise<string[]> {
  const ids: string[] = []
  let started = 0
  const send = async () => {
    while (started < count) {
      started++
      const request = next()
      const res = await fetch(new URL(request.path, url), {
        method: 'POST',
        headers: request.headers,
        body: request.body ?? null,
      })
      const text = await res.text()
      if (res.status !== 201)
        throw new BenchFailure(`seeding a report answered ${res.status}: ${text.slice(0, 300)}`)
      ids.push((JSON.parse(text) as { id: string }).id)
    }
  }
  await Promise.all(Array.from({ length: 8 }, send))
  return ids
}

/** Registered after db-insert-baseline and db-read-baseline, so both reuse those measurements. */
export const feedbackScenarios: Scenario[] = [feedbackSubmit, feedbackPublicRead]
