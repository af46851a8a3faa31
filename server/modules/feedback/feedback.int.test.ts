import { randomUUID } from 'node:crypto'
import exifr from 'exifr'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type Caller,
  createTestOfficial,
  createTestResident,
  sessionCaller,
} from '../../../tests/support/principals.ts'
import { testAppAndPlatform } from '../../../tests/support/test-platform.ts'
import { addWorkingDays, subtractWorkingDays } from '../../core/calendar/index.ts'
import type { Platform } from '../../core/platform.ts'
import { wardCommitteeId } from '../identity/agencies/agency.seed.ts'
import { cameraJpeg, gifImage } from './photos/fixtures/test-images.ts'

let app: FastifyInstance
let platform: Platform
beforeAll(async () => {
  ;({ app, platform } = await testAppAndPlatform())
})
afterAll(() => app?.close())

/** A point in Phường Sài Gòn (26740) and one in Phường Bến Thành (26743). */
const SAI_GON = { lon: 106.7009, lat: 10.7769, code: '26740' }
const BEN_THANH = { lon: 106.698, lat: 10.7725, code: '26743' }
const METRE_LAT = 1 / 111_320

async function residentCaller(label = 'resident') {
  const resident = await createTestResident(platform, label)
  const caller = await sessionCaller(platform, { kind: 'resident', residentId: resident.id }, label)
  return { ...resident, caller }
}

async function officerOf(
  agencyId: string,
  roles: ('officer' | 'agency_admin' | 'system_admin')[] = ['officer'],
) {
  const official = await createTestOfficial(platform, { agencyId, roles, label: 'pa' })
  return sessionCaller(platform, { kind: 'official', officialId: official.id }, 'officer')
}

function submit(caller: Caller, body: Record<string, unknown>, key = randomUUID()) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/feedback/reports',
    headers: { ...caller.headers, 'idempotency-key': key },
    payload: body,
  })
}

const report = (location: { lon: number; lat: number }, extra: Record<string, unknown> = {}) => ({
  categoryId: 'waste.illegal_dumping',
  description: 'Có người đổ xà bần trên vỉa hè suốt tuần nay.',
  location: { lon: location.lon, lat: location.lat },
  anonymous: false,
  public: true,
  ...extra,
})

/** Tells followers about pending events, as the worker's dispatcher would (tests have no worker). */
async function deliverNotifications(_reportId: string) {
  await platform.services.feedback.tellPending()
}

describe('submitting a report', () => {
  it('locates, routes to the ward committee by default, and answers the reporter’s view', async () => {
    const { caller } = await residentCaller()
    const response = await submit(caller, report(SAI_GON))
    expect(response.statusCode, response.body).toBe(201)
    const body = response.json()
    expect(body.status).toBe('forwarded')
    expect(body.ward.code).toBe(SAI_GON.code)
    expect(body.agency.id).toBe(wardCommitteeId(SAI_GON.code))
    expect(body.code).toMatch(/^PA-\d{4}-\d{6}$/)
    expect(body.isReporter).toBe(true)
    expect(body.timeline.map((entry: { kind: string }) => entry.kind)).toEqual(['submitted', 'forwarded'])
    // The legal deadline: 10 working days (the category's) from submission.
    expect(body.deadlineAt).toBe(addWorkingDays(new Date(body.submittedAt), 10).toISOString())
  })

  it('is idempotent: a retry returns the same report; the same key with other content is refused', async () => {
    const { caller } = await residentCaller()
    const key = randomUUID()
    const first = await submit(caller, report(SAI_GON), key)
    expect(first.statusCode).toBe(201)
    const again = await submit(caller, report(SAI_GON), key)
    expect(again.statusCode).toBe(200)
    expect(again.json().id).toBe(first.json().id)
    // The same content with its fields in another order is the same request.
    const reordered = Object.fromEntries(Object.entries(report(SAI_GON)).reverse())
    const shuffled = await submit(caller, reordered, key)
    expect(shuffled.statusCode).toBe(200)
    expect(shuffled.json().id).toBe(first.json().id)
    // Retries racing each other still make one report.
    const racing = await Promise.all([1, 2, 3].map(() => submit(caller, report(SAI_GON), key)))
    expect(new Set(racing.map((r) => r.json().id))).toEqual(new Set([first.json().id]))
    const count = await platform.database.db
      .selectFrom('feedback.reports')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('idempotency_key', '=', key)
      .executeTakeFirstOrThrow()
    expect(Number(count.n)).toBe(1)
    const other = await submit(
      caller,
      report(SAI_GON, { description: 'Một nội dung hoàn toàn khác lần trước.' }),
      key,
    )
    expect(other.statusCode).toBe(422)
    expect(other.json().code).toBe('idempotency_key_reused')
    // Another resident may use the same key for their own report.
    const { caller: someoneElse } = await residentCaller('other')
    expect((await submit(someoneElse, report(SAI_GON), key)).statusCode).toBe(201)
  })

  it('writes submissions in flight together in one statement, each whole; one that cannot be written fails alone', async () => {
    const { feedback } = platform.services
    const residents = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => createTestResident(platform, `batch-${n}`)),
    )
    const [first, second] = residents.map((resident) => resident.id) as [string, string]
    const pothole = (n: number) =>
      ({
        ...report(SAI_GON, { categoryId: 'roads.pothole', answers: { size: 'large' } }),
        description: `Ổ gà số ${n} giữa làn xe máy, rất nguy hiểm.`,
      }) as never
    // Warm the category, ward and routing caches, so every submission below reaches the writer in one turn.
    await feedback.submit(pothole(0), { kind: 'resident', residentId: first }, randomUUID())
    const sendAll = (residentIds: string[]) =>
      Promise.allSettled(
        residentIds.map((residentId, n) =>
          feedback.submit(pothole(n), { kind: 'resident', residentId }, randomUUID()),
        ),
      )

    const together = await sendAll(residents.map((resident) => resident.id))
    const sent = together.map((result) => {
      if (result.status === 'rejected') throw result.reason
      if (!result.value.fresh) throw new Error('a new report must come back fresh')
      return result.value.fresh
    })
    // One statement, one transaction: one submission time for all; each still whole and its own.
    expect(new Set(sent.map((one) => one.row.submitted_at.toISOString())).size).toBe(1)
    expect(new Set(sent.map((one) => one.row.code)).size).toBe(sent.length)
    const ids = sent.map((one) => one.row.id)
    const stored = await platform.database.db
      .selectFrom('feedback.reports')
      .select(['id', 'reporter_id', 'description'])
      .where('id', 'in', ids)
      .execute()
    expect(new Map(stored.map((row) => [row.id, row.reporter_id]))).toEqual(
      new Map(sent.map((one, n) => [one.row.id, residents[n]?.id])),
    )
    for (const [n, one] of sent.entries()) {
      expect(stored.find((row) => row.id === one.row.id)?.description).toContain(`Ổ gà số ${n} `)
      const events = await platform.database.db
        .selectFrom('feedback.report_events')
        .select(['kind', 'notify_pending', 'agency_id'])
        .where('report_id', '=', one.row.id)
        .orderBy('id')
        .execute()
      expect(events).toEqual([
        { kind: 'submitted', notify_pending: false, agency_id: null },
        { kind: 'forwarded', notify_pending: true, agency_id: one.row.agency_id },
      ])
      const answers = await platform.database.db
        .selectFrom('feedback.report_answers')
        .select(['question_code', 'value'])
        .where('report_id', '=', one.row.id)
        .execute()
      expect(answers).toEqual([{ question_code: 'size', value: 'large' }])
      const follower = await platform.database.db
        .selectFrom('feedback.followers')
        .select(['resident_id', 'reason'])
        .where('report_id', '=', one.row.id)
        .execute()
      expect(follower).toEqual([{ resident_id: residents[n]?.id, reason: 'reporter' }])
    }

    // A submitter unknown to the database breaks its batch's statement: the others are written one by one.
    const withStranger = await sendAll([first, randomUUID(), second])
    expect(withStranger.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    for (const result of withStranger) {
      if (result.status === 'fulfilled') expect(result.value.created).toBe(true)
    }
  })

  it('refuses bad input with clear problems and writes nothing', async () => {
    const { caller } = await residentCaller()
    const noKey = await app.inject({
      method: 'POST',
      url: '/api/v1/feedback/reports',
      headers: caller.headers,
      payload: report(SAI_GON),
    })
    expect(noKey.statusCode).toBe(400)
    const parent = await submit(caller, report(SAI_GON, { categoryId: 'waste' }))
    expect(parent.json().code).toBe('category_not_found')
    const outside = await submit(caller, report({ lon: 105.0, lat: 10.0 }))
    expect(outside.json().code).toBe('outside_city')
    const nowhere = await submit(caller, { ...report(SAI_GON), location: undefined })
    expect(nowhere.json().code).toBe('location_required')
    const required = await submit(caller, report(SAI_GON, { categoryId: 'drainage.flooding' }))
    expect(required.statusCode).toBe(400)
    expect(required.json().errors[0].pointer).toBe('/answers/depth')
    const wrongChoice = await submit(
      caller,
      report(SAI_GON, { categoryId: 'drainage.flooding', answers: { depth: 'ocean' } }),
    )
    expect(wrongChoice.json().errors[0].pointer).toBe('/answers/depth')
    const answered = await submit(
      caller,
      report(SAI_GON, { categoryId: 'drainage.flooding', answers: { depth: 'knee' } }),
    )
    expect(answered.statusCode).toBe(201)
    expect(answered.json().answers).toEqual({ depth: 'knee' })
    expect(nowhere.headers['content-type']).toContain('application/problem+json')
    expect(nowhere.json().messages.vi).toMatch(/bản đồ/)
  })

  it('geocodes a ward written in the pre-2025 naming when there is no pin', async () => {
    const { caller } = await residentCaller()
    // Phường Bến Nghé (Quận 1) now lies in Phường Sài Gòn.
    const response = await submit(caller, {
      ...report(SAI_GON),
      location: undefined,
      address: '12 Lê Lợi',
      ward: 'Phường Bến Nghé',
    })
    expect(response.statusCode, response.body).toBe(201)
    expect(response.json().ward.code).toBe(SAI_GON.code)
    expect(response.json().locationPrecision).toBe('ward')
  })
})

describe('routing', () => {
  it('follows the most specific rule: ward before city-wide, category before its parent', async () => {
    const { caller } = await residentCaller()
    const traffic = await submit(caller, report(SAI_GON, { categoryId: 'traffic.sign' }))
    expect(traffic.json().agency.id).toBe('trung-tam-quan-ly-dieu-hanh-giao-thong')
    const { feedback } = platform.services
    const table = await feedback.routingTable()
    expect(table.route('traffic.signal', SAI_GON.code).agencyId).toBe(
      'trung-tam-quan-ly-dieu-hanh-giao-thong',
    )
    expect(table.route('noise.karaoke', SAI_GON.code)).toEqual({
      agencyId: wardCommitteeId(SAI_GON.code),
      ruleId: null,
    })
  })

  it('routes points either side of a ward border to each ward’s own agency', async () => {
    const { feedback, geo } = platform.services
    const officialId = (await createTestOfficial(platform, { agencyId: 'ubnd-tp', roles: ['system_admin'] }))
      .id
    // A ward-specific rule on one side only.
    const ruleId = await feedback.saveRoutingRule(
      null,
      { categoryId: 'noise.construction', wardCode: BEN_THANH.code, agencyId: 'so-xay-dung' },
      officialId,
    )
    try {
      // Walk from Bến Thành towards Sài Gòn and find the border to within ~1 cm.
      let inside = { ...BEN_THANH }
      let outside = { ...SAI_GON }
      expect(await geo.wardCodeAt(inside.lon, inside.lat)).toBe(BEN_THANH.code)
      expect(await geo.wardCodeAt(outside.lon, outside.lat)).toBe(SAI_GON.code)
      while (Math.hypot(outside.lon - inside.lon, outside.lat - inside.lat) > 1e-7) {
        const mid = { ...inside, lon: (inside.lon + outside.lon) / 2, lat: (inside.lat + outside.lat) / 2 }
        if ((await geo.wardCodeAt(mid.lon, mid.lat)) === BEN_THANH.code) inside = mid
        else outside = mid
      }
      // The in-process locator agrees with PostGIS on both border points.
      const truth = async (point: { lon: number; lat: number }) =>
        (
          await platform.database.db
            .selectFrom('geo.wards')
            .select('code')
            .where((eb) =>
              eb.fn('ST_Contains', [
                eb.ref('geom'),
                eb.fn('ST_SetSRID', [
                  eb.fn('ST_MakePoint', [eb.val(point.lon), eb.val(point.lat)]),
                  eb.val(4326),
                ]),
              ]),
            )
            .executeTakeFirst()
        )?.code
      expect(await truth(inside)).toBe(BEN_THANH.code)
      expect(await truth(outside)).toBe(SAI_GON.code)
      const { caller } = await residentCaller()
      const near = await submit(caller, report(inside, { categoryId: 'noise.construction' }))
      const far = await submit(caller, report(outside, { categoryId: 'noise.construction' }))
      expect(near.json().agency.id).toBe('so-xay-dung')
      expect(near.json().ward.code).toBe(BEN_THANH.code)
      expect(far.json().agency.id).toBe(wardCommitteeId(SAI_GON.code))
    } finally {
      await feedback.deleteRoutingRule(ruleId)
    }
  })
})

describe('before submitting: similar reports nearby', () => {
  it('offers open reports of the same category within 50 m only', async () => {
    const { caller } = await residentCaller()
    // A quiet corner of the city of this test's own.
    const here = { lon: 106.6302 + Math.random() * 0.001, lat: 10.8003 + Math.random() * 0.001 }
    const sent = (await submit(caller, report(here, { categoryId: 'trees.pruning', public: false }))).json()
    const ask = (metresNorth: number, categoryId = 'trees.pruning') =>
      app.inject({
        method: 'GET',
        url: `/api/v1/feedback/nearby?lon=${here.lon}&lat=${here.lat + metresNorth * METRE_LAT}&categoryId=${categoryId}`,
        headers: caller.headers,
      })
    const at40 = (await ask(40)).json()
    expect(at40.radiusMeters).toBe(50)
    const found = at40.reports.find((r: { id: string }) => r.id === sent.id)
    expect(found.distanceMeters).toBeGreaterThan(39)
    expect(found.distanceMeters).toBeLessThan(41)
    // Not public: offered for "me too" without its text.
    expect(found.description).toBeNull()
    expect((await ask(60)).json().reports.map((r: { id: string }) => r.id)).not.toContain(sent.id)
    expect((await ask(0, 'trees.fallen')).json().reports.map((r: { id: string }) => r.id)).not.toContain(
      sent.id,
    )

    const { caller: neighbour } = await residentCaller('neighbour')
    const meToo = await app.inject({
      method: 'POST',
      url: `/api/v1/feedback/reports/${sent.id}/me-too`,
      headers: neighbour.headers,
    })
    expect(meToo.statusCode, meToo.body).toBe(200)
    expect(meToo.json().meTooCount).toBe(1)
    expect(meToo.json().following).toBe(true)
    // Counted once.
    await app.inject({
      method: 'POST',
      url: `/api/v1/feedback/reports/${sent.id}/me-too`,
      headers: neighbour.headers,
    })
    const own = await app.inject({
      method: 'GET',
      url: `/api/v1/me/feedback/${sent.id}`,
      headers: caller.headers,
    })
    expect(own.json().meTooCount).toBe(1)
  })
})

describe('the life of a report', () => {
  it('officer starts, answers and resolves; the reporter hears it, says "not fixed", and it is back in the queue', async () => {
    const { caller, id: residentId } = await residentCaller()
    const point = { lon: 106.7012 + Math.random() * 0.0005, lat: 10.7765 }
    const sent = (await submit(caller, report(point, { categoryId: 'other.other' }))).json()
    const officer = await officerOf(wardCommitteeId(SAI_GON.code))
    const queue = await app.inject({
      method: 'GET',
      url: '/api/v1/console/feedback/reports?status=open&limit=500',
      headers: officer.headers,
    })
    expect(queue.json().reports.map((r: { id: string }) => r.id)).toContain(sent.id)
    // Another agency's officer does not see it.
    const stranger = await officerOf(wardCommitteeId(BEN_THANH.code))
    const hidden = await app.inject({
      method: 'GET',
      url: `/api/v1/console/feedback/reports/${sent.id}`,
      headers: stranger.headers,
    })
    expect(hidden.statusCode).toBe(404)

    const act = (path: string, payload: Record<string, unknown>) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/console/feedback/reports/${sent.id}/${path}`,
        headers: officer.headers,
        payload,
      })
    const detail = (
      await app.inject({
        method: 'GET',
        url: `/api/v1/console/feedback/reports/${sent.id}`,
        headers: officer.headers,
      })
    ).json()
    expect(detail.allowedActions).toContain('start')
    expect(detail.reporter.name).toContain('Nguyễn Thị')
    expect((await act('actions', { action: 'start' })).json().status).toBe('in_progress')
    expect((await act('responses', { message: 'Đã cử tổ công tác xuống kiểm tra.' })).statusCode).toBe(200)
    const noMessage = await act('actions', { action: 'resolve' })
    expect(noMessage.statusCode).toBe(400)
    const resolved = await act('actions', {
      action: 'resolve',
      message: 'Đã dọn sạch, xử phạt người vi phạm.',
    })
    expect(resolved.json().status).toBe('resolved')
    // Starting again is not a valid transition.
    expect((await act('actions', { action: 'start' })).statusCode).toBe(409)

    await deliverNotifications(sent.id)
    const inbox = (
      await app.inject({ method: 'GET', url: '/api/v1/me/inbox', headers: caller.headers })
    ).json()
    const titles = inbox.items.map((item: { title: { vi: string } }) => item.title.vi).join('\n')
    expect(titles).toContain(`Phản ánh ${sent.code}: Đã xử lý`)
    expect(titles).toContain('đã trả lời phản ánh')
    // Delivered once, however often the job runs.
    await deliverNotifications(sent.id)
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/me/inbox', headers: caller.headers })).json().items
        .length,
    ).toBe(inbox.items.length)

    const mine = (
      await app.inject({ method: 'GET', url: `/api/v1/me/feedback/${sent.id}`, headers: caller.headers })
    ).json()
    expect(
      mine.timeline.some(
        (e: { message: string | null }) => e.message === 'Đã dọn sạch, xử phạt người vi phạm.',
      ),
    ).toBe(true)
    expect(mine.notFixedUntil).not.toBeNull()
    const notFixed = await app.inject({
      method: 'POST',
      url: `/api/v1/feedback/reports/${sent.id}/not-fixed`,
      headers: caller.headers,
      payload: { reason: 'Hôm nay xà bần lại bị đổ ở chỗ cũ.' },
    })
    expect(notFixed.statusCode, notFixed.body).toBe(200)
    expect(notFixed.json().status).toBe('in_progress')
    const back = await app.inject({
      method: 'GET',
      url: '/api/v1/console/feedback/reports?status=open&limit=500',
      headers: officer.headers,
    })
    const row = back.json().reports.find((r: { id: string }) => r.id === sent.id)
    expect(row.reopenCount).toBe(1)
    // The reporter's own words stay off the public timeline.
    const publicView = (
      await app.inject({ method: 'GET', url: `/api/v1/feedback/reports/${sent.id}` })
    ).json()
    expect(JSON.stringify(publicView)).not.toContain('lại bị đổ')
    expect(publicView.timeline.some((e: { kind: string }) => e.kind === 'reopened')).toBe(true)
    expect(residentId).toBeTruthy()
  })

  it('ends closed_not_fixed after the last reopening, and the rating closes a resolved report', async () => {
    const { caller } = await residentCaller()
    const officer = await officerOf(wardCommitteeId(SAI_GON.code))
    const sent = (await submit(caller, report(SAI_GON, { categoryId: 'other.other' }))).json()
    const resolve = () =>
      app.inject({
        method: 'POST',
        url: `/api/v1/console/feedback/reports/${sent.id}/actions`,
        headers: officer.headers,
        payload: { action: 'resolve', message: 'Đã xử lý xong.' },
      })
    const notFixed = () =>
      app.inject({
        method: 'POST',
        url: `/api/v1/feedback/reports/${sent.id}/not-fixed`,
        headers: caller.headers,
        payload: { reason: 'Vẫn chưa xong.' },
      })
    for (let round = 0; round < 2; round++) {
      expect((await resolve()).json().status).toBe('resolved')
      expect((await notFixed()).json().status).toBe('in_progress')
    }
    expect((await resolve()).json().status).toBe('resolved')
    expect((await notFixed()).json().status).toBe('closed_not_fixed')

    const rated = (await submit(caller, report(SAI_GON, { categoryId: 'other.other' }))).json()
    await app.inject({
      method: 'POST',
      url: `/api/v1/console/feedback/reports/${rated.id}/actions`,
      headers: officer.headers,
      payload: { action: 'reject', message: 'Không thuộc thẩm quyền, đã hướng dẫn.' },
    })
    const rating = await app.inject({
      method: 'POST',
      url: `/api/v1/feedback/reports/${rated.id}/rating`,
      headers: caller.headers,
      payload: { rating: 4 },
    })
    expect(rating.json().status).toBe('closed')
    expect(rating.json().rating).toBe(4)
  })

  it('requires an after-photo where the category says so', async () => {
    const { caller } = await residentCaller()
    const officer = await officerOf(wardCommitteeId(SAI_GON.code))
    const sent = (await submit(caller, report(SAI_GON))).json() // waste.illegal_dumping needs one
    const refused = await app.inject({
      method: 'POST',
      url: `/api/v1/console/feedback/reports/${sent.id}/actions`,
      headers: officer.headers,
      payload: { action: 'resolve', message: 'Đã dọn.' },
    })
    expect(refused.json().code).toBe('after_photo_required')
    const upload = await app.inject({
      method: 'POST',
      url: '/api/v1/feedback/photos',
      headers: { ...officer.headers, 'content-type': 'image/jpeg' },
      payload: await cameraJpeg(800, 600),
    })
    expect(upload.statusCode, upload.body).toBe(201)
    const done = await app.inject({
      method: 'POST',
      url: `/api/v1/console/feedback/reports/${sent.id}/actions`,
      headers: officer.headers,
      payload: { action: 'resolve', message: 'Đã dọn.', photoIds: [upload.json().id] },
    })
    expect(done.json().status).toBe('resolved')
    expect(done.json().photos.map((p: { purpose: string }) => p.purpose)).toContain('after')
  })
})

describe('deadlines', () => {
  it('reminds two working days before, escalates to the supervising agency once overdue, each once', async () => {
    const { caller } = await residentCaller()
    const { feedback } = platform.services
    const sent = (await submit(caller, report(SAI_GON, { categoryId: 'other.other' }))).json()
    const deadline = new Date(sent.deadlineAt)
    const load = () =>
      platform.database.db
        .selectFrom('feedback.reports')
        .selectAll()
        .where('id', '=', sent.id)
        .executeTakeFirstOrThrow()
    // Three working days before: nothing yet.
    await feedback.sweep(subtractWorkingDays(deadline, 3))
    expect((await load()).reminded_at).toBeNull()
    const remindAt = subtractWorkingDays(deadline, 2)
    await feedback.sweep(remindAt)
    await feedback.sweep(remindAt)
    expect((await load()).reminded_at).not.toBeNull()
    const overdueAt = new Date(deadline.getTime() + 60_000)
    await feedback.sweep(overdueAt)
    await feedback.sweep(overdueAt)
    const row = await load()
    expect(row.escalated_to).toBe('ubnd-tp')
    const kinds = await platform.database.db
      .selectFrom('feedback.report_events')
      .select('kind')
      .where('report_id', '=', sent.id)
      .orderBy('id')
      .execute()
    expect(kinds.map((k) => k.kind)).toEqual(['submitted', 'forwarded', 'reminded', 'escalated'])
    // The supervising agency sees it among the escalated reports.
    const city = await officerOf('ubnd-tp')
    const escalated = await app.inject({
      method: 'GET',
      url: '/api/v1/console/feedback/reports?escalated=true&limit=500',
      headers: city.headers,
    })
    expect(escalated.json().reports.map((r: { id: string }) => r.id)).toContain(sent.id)
  })

  it('gives 15 working days from forwarding when another agency takes part', async () => {
    const { caller } = await residentCaller()
    const officer = await officerOf(wardCommitteeId(SAI_GON.code))
    const sent = (await submit(caller, report(SAI_GON, { categoryId: 'other.other' }))).json()
    const changed = await app.inject({
      method: 'POST',
      url: `/api/v1/console/feedback/reports/${sent.id}/coordinators`,
      headers: officer.headers,
      payload: { agencyId: 'so-xay-dung' },
    })
    expect(changed.json().deadlineAt).toBe(addWorkingDays(new Date(sent.submittedAt), 15).toISOString())
    expect(changed.json().coordinators.map((a: { id: string }) => a.id)).toEqual(['so-xay-dung'])
  })

  it('closes a resolved report once the rating window is over', async () => {
    const { caller } = await residentCaller()
    const officer = await officerOf(wardCommitteeId(SAI_GON.code))
    const sent = (await submit(caller, report(SAI_GON, { categoryId: 'other.other' }))).json()
    await app.inject({
      method: 'POST',
      url: `/api/v1/console/feedback/reports/${sent.id}/actions`,
      headers: officer.headers,
      payload: { action: 'resolve', message: 'Đã xử lý xong.' },
    })
    await platform.services.feedback.sweep(new Date(Date.now() + 8 * 86_400_000))
    const own = (
      await app.inject({ method: 'GET', url: `/api/v1/me/feedback/${sent.id}`, headers: caller.headers })
    ).json()
    expect(own.status).toBe('closed')
    const late = await app.inject({
      method: 'POST',
      url: `/api/v1/feedback/reports/${sent.id}/not-fixed`,
      headers: caller.headers,
      payload: { reason: 'Vẫn chưa xong.' },
    })
    expect(late.statusCode).toBe(409)
  })
})

describe('photos', () => {
  it('publishes a copy without the GPS position; officials still see where it was taken', async () => {
    const { caller } = await residentCaller()
    const original = await cameraJpeg(1200, 900, { gps: { lat: 10.7769, lon: 106.7009 } })
    expect((await exifr.gps(original))?.latitude).toBeCloseTo(10.7769, 3)
    const upload = await app.inject({
      method: 'POST',
      url: '/api/v1/feedback/photos',
      headers: { ...caller.headers, 'content-type': 'image/jpeg' },
      payload: original,
    })
    expect(upload.statusCode, upload.body).toBe(201)
    const sent = (await submit(caller, report(SAI_GON, { photoIds: [upload.json().id] }))).json()
    const photo = sent.photos[0]
    for (const url of [photo.url, photo.thumbnailUrl]) {
      const published = await app.inject({ method: 'GET', url })
      expect(published.statusCode).toBe(200)
      expect(published.headers['content-type']).toBe('image/jpeg')
      expect(await exifr.parse(published.rawPayload).catch(() => undefined)).toBeFalsy()
      expect(await exifr.gps(published.rawPayload).catch(() => undefined)).toBeFalsy()
    }
    const officer = await officerOf(wardCommitteeId(SAI_GON.code))
    const detail = (
      await app.inject({
        method: 'GET',
        url: `/api/v1/console/feedback/reports/${sent.id}`,
        headers: officer.headers,
      })
    ).json()
    expect(detail.photoGps.lat).toBeCloseTo(10.7769, 3)
    // Nobody else can attach that photo again.
    const reuse = await submit(caller, report(SAI_GON, { photoIds: [upload.json().id] }))
    expect(reuse.json().code).toBe('photo_not_usable')
  })

  it('refuses other file types, oversized and broken uploads with clear problems', async () => {
    const { caller } = await residentCaller()
    const send = (payload: Buffer, type = 'image/jpeg') =>
      app.inject({
        method: 'POST',
        url: '/api/v1/feedback/photos',
        headers: { ...caller.headers, 'content-type': type },
        payload,
      })
    const gif = await send(await gifImage(), 'image/gif')
    expect(gif.statusCode).toBe(415)
    expect(gif.json().code).toBe('photo_unsupported')
    const lying = await send(Buffer.from('%PDF-1.4 not a photo at all'), 'image/jpeg')
    expect(lying.json().code).toBe('photo_unsupported')
    const jpeg = await cameraJpeg(400, 300)
    const truncated = await send(jpeg.subarray(0, Math.floor(jpeg.length / 2)))
    expect(truncated.statusCode).toBe(422)
    expect(truncated.json().code).toBe('photo_corrupt')
    const big = await send(Buffer.concat([jpeg, Buffer.alloc(10 * 1024 * 1024)]))
    expect(big.statusCode).toBe(413)
    expect(big.json().messages.vi).toContain('10 MB')
    const anonymous = await app.inject({
      method: 'POST',
      url: '/api/v1/feedback/photos',
      headers: { 'content-type': 'image/jpeg' },
      payload: jpeg,
    })
    expect(anonymous.statusCode).toBe(401)
  })
})

describe('an anonymous report', () => {
  it('shows no personal data to the public, on the map or to officials', async () => {
    const { caller, id, claims } = await residentCaller('anon')
    const sent = (
      await submit(caller, report(SAI_GON, { anonymous: true, categoryId: 'other.other' }))
    ).json()
    const officer = await officerOf(wardCommitteeId(SAI_GON.code))
    const answers = [
      await app.inject({ method: 'GET', url: `/api/v1/feedback/reports/${sent.id}` }),
      await app.inject({ method: 'GET', url: `/api/v1/feedback/reports?limit=200` }),
      await app.inject({ method: 'GET', url: '/api/v1/feedback/reports.geojson' }),
      await app.inject({
        method: 'GET',
        url: `/api/v1/console/feedback/reports/${sent.id}`,
        headers: officer.headers,
      }),
      await app.inject({
        method: 'GET',
        url: '/api/v1/console/feedback/reports?limit=500',
        headers: officer.headers,
      }),
      await app.inject({
        method: 'GET',
        url: '/api/v1/console/feedback/reports.geojson',
        headers: officer.headers,
      }),
    ]
    for (const answer of answers) {
      expect(answer.statusCode, answer.body).toBe(200)
      expect(answer.body).toContain(sent.id)
      for (const secret of [id, claims.fullName, claims.nationalId, claims.phone, claims.subject]) {
        expect(answer.body).not.toContain(secret)
      }
    }
    expect(answers[3]?.json().reporter).toBeNull()
    // No access-log entry either: nothing personal was shown.
    const logged = await platform.database.db
      .selectFrom('identity.access_log')
      .select('seq')
      .where('resident_id', '=', id)
      .execute()
    expect(logged).toEqual([])
    // The reporter still follows it.
    const own = (
      await app.inject({ method: 'GET', url: `/api/v1/me/feedback/${sent.id}`, headers: caller.headers })
    ).json()
    expect(own.isReporter).toBe(true)
    expect(own.anonymous).toBe(true)
  })
})

describe('following an area', () => {
  it('tells residents following the ward, or a radius, about new public reports there', async () => {
    const { caller: wardWatcher } = await residentCaller('watch-ward')
    const { caller: radiusWatcher } = await residentCaller('watch-radius')
    const { caller: farWatcher } = await residentCaller('watch-far')
    const follow = (caller: Caller, payload: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: '/api/v1/me/area-follows', headers: caller.headers, payload })
    expect((await follow(wardWatcher, { wardCode: BEN_THANH.code })).statusCode).toBe(201)
    expect((await follow(radiusWatcher, { center: BEN_THANH, radiusMeters: 300 })).statusCode).toBe(201)
    expect(
      (await follow(farWatcher, { center: { lon: 106.63, lat: 10.8 }, radiusMeters: 300 })).statusCode,
    ).toBe(201)
    const { caller } = await residentCaller()
    const sent = (await submit(caller, report(BEN_THANH, { categoryId: 'other.other' }))).json()
    const hidden = (
      await submit(caller, report(BEN_THANH, { categoryId: 'other.other', public: false }))
    ).json()
    await deliverNotifications(sent.id)
    await deliverNotifications(hidden.id)
    const inboxOf = async (who: Caller) =>
      JSON.stringify(
        (await app.inject({ method: 'GET', url: '/api/v1/me/inbox', headers: who.headers })).json(),
      )
    expect(await inboxOf(wardWatcher)).toContain(sent.code)
    expect(await inboxOf(radiusWatcher)).toContain(sent.code)
    expect(await inboxOf(farWatcher)).not.toContain(sent.code)
    expect(await inboxOf(wardWatcher)).not.toContain(hidden.code)
  })
})

describe('personal data', () => {
  it('is in the resident’s export, and an integration caller’s contact is dropped after retention', async () => {
    const { caller } = await residentCaller()
    const sent = (await submit(caller, report(SAI_GON, { categoryId: 'other.other' }))).json()
    const exported = await app.inject({ method: 'GET', url: '/api/v1/me/export', headers: caller.headers })
    expect(exported.statusCode, exported.body).toBe(200)
    expect(JSON.stringify(exported.json().sections.feedback.reports)).toContain(sent.code)

    const { feedback } = platform.services
    const { id } = await feedback.submit(
      { ...report(SAI_GON, { categoryId: 'other.other' }), public: true, anonymous: false } as never,
      {
        kind: 'integration',
        apiKeyId: randomUUID(),
        contact: { name: 'Trần Văn Gọi', email: 'goi@example.vn', phone: '0901234567' },
      },
      null,
      'open311',
    )
    const stored = await platform.database.db
      .selectFrom('feedback.reports')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    // Encrypted at rest.
    expect(stored.contact_phone_enc).not.toContain('0901234567')
    const officer = await officerOf(wardCommitteeId(SAI_GON.code))
    const detail = (
      await app.inject({
        method: 'GET',
        url: `/api/v1/console/feedback/reports/${id}`,
        headers: officer.headers,
      })
    ).json()
    expect(detail.reporter).toEqual({ name: 'Trần Văn Gọi', email: 'goi@example.vn', phone: '0901234567' })
    await platform.database.db
      .updateTable('feedback.reports')
      .set({ status: 'closed', closed_at: new Date(Date.now() - 400 * 86_400_000) })
      .where('id', '=', id)
      .execute()
    const { feedbackContactRetention } = await import('./personal-data.ts')
    expect(
      await feedbackContactRetention.anonymise(platform.database.db, { now: new Date(), retentionDays: 365 }),
    ).toBeGreaterThan(0)
    const after = await platform.database.db
      .selectFrom('feedback.reports')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect([after.contact_name, after.contact_email_enc, after.contact_phone_enc]).toEqual([null, null, null])
  })
})

describe('console settings with "every" choices (null in JSON)', () => {
  it('takes a template for every category and a routing rule for every ward', async () => {
    const admin = await officerOf('ubnd-tp', ['system_admin'])
    const template = await app.inject({
      method: 'POST',
      url: '/api/v1/console/feedback/templates',
      headers: admin.headers,
      payload: {
        categoryId: null,
        title: 'Đã tiếp nhận',
        body: 'Đã tiếp nhận phản ánh, đơn vị sẽ xử lý sớm.',
      },
    })
    expect(template.statusCode, template.body).toBe(201)
    expect(template.json().categoryId).toBeNull()
    const rule = await app.inject({
      method: 'POST',
      url: '/api/v1/console/feedback/routing-rules',
      headers: admin.headers,
      payload: { categoryId: 'construction.unsafe', wardCode: null, agencyId: 'so-xay-dung' },
    })
    expect(rule.statusCode, rule.body).toBe(201)
    expect(rule.json().wardCode).toBeNull()
    await platform.services.feedback.deleteRoutingRule(rule.json().id)
  })
})
