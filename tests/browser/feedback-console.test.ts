import type {
  Category,
  ConsoleReport,
  ConsoleReportSummary,
  ReportStatus,
  ResponseTemplate,
  RoutingRule,
  TimelineEntry,
} from '@dc/contracts'
import type { BrowserContext, Page, Route } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, noSidewaysScroll, PHONE, seriousViolations } from '../support/browser.ts'
import { signInOfficial } from '../support/official-session.ts'
import { startWebTestServer, type TestServer } from '../support/server.ts'

/**
 * The console's feedback pages in Chromium, as an official uses them: the queue (cards at 360 px,
 * a table on wide screens, filters in the URL, bulk reassignment, the map), a report (details,
 * anonymity, EXIF, actions) and the routing rules and templates pages. The session, wards,
 * agencies and map style come from the real server; the feedback endpoints answer from a small
 * in-test fake, so every case (overdue, anonymous, EXIF, what is allowed) is there on purpose and
 * what the page sends can be checked. Runs against the real feedback API are the end-to-end
 * tests' job.
 */

const SAI_GON = { lon: 106.7009, lat: 10.7769 }
const ID_A = '11111111-1111-4111-8111-111111111111'
const ID_B = '22222222-2222-4222-8222-222222222222'
const PHOTO = '33333333-3333-4333-8333-333333333333'
const UPLOADED = '44444444-4444-4444-8444-444444444444'
const AGENCY = { id: 'ubnd-26740', name: 'Ủy ban nhân dân Phường Sài Gòn' }
const WARD = {
  code: '26740',
  name: 'Sài Gòn',
  nameEn: 'Sai Gon',
  fullName: 'Phường Sài Gòn',
  fullNameEn: 'Sai Gon Ward',
  kind: 'phuong' as const,
  areaKm2: 1,
}
/** A 1×1 transparent PNG, for every photo the fake serves. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
)

function category(id: string, parentId: string | null, vi: string, extra: Partial<Category> = {}): Category {
  return {
    id,
    parentId,
    name: { vi, en: vi },
    description: { vi: '', en: '' },
    deadlineWorkingDays: 10,
    requiresAfterPhoto: false,
    questions: [],
    selectable: parentId !== null,
    ...extra,
  }
}

const CATEGORIES: Category[] = [
  category('roads', null, 'Đường sá, vỉa hè'),
  category('roads.pothole', 'roads', 'Ổ gà, sụt lún mặt đường', {
    requiresAfterPhoto: true,
    questions: [
      {
        code: 'size',
        label: { vi: 'Kích thước', en: 'Size' },
        datatype: 'singlevaluelist',
        required: false,
        options: [{ key: 'large', name: { vi: 'Lớn (từ 50 cm)', en: 'Large (50 cm or more)' } }],
      },
    ],
  }),
  category('lighting', null, 'Chiếu sáng công cộng'),
  category('lighting.streetlight', 'lighting', 'Đèn đường hư hỏng'),
]

function entry(
  id: number,
  kind: TimelineEntry['kind'],
  toStatus: ReportStatus | null,
  message: string | null,
) {
  return {
    id,
    at: '2026-11-20T02:00:00Z',
    kind,
    actor: kind === 'submitted' ? ('resident' as const) : ('system' as const),
    agency: kind === 'forwarded' ? AGENCY : null,
    fromStatus: null,
    toStatus,
    message,
    rating: null,
  }
}

/** Report A: named reporter, a photo with an EXIF position 33 m off the pin, not yet taken on, overdue. */
function reportA(): ConsoleReport {
  return {
    id: ID_A,
    code: 'PA-2026-000101',
    status: 'forwarded',
    category: { id: 'lighting.streetlight', name: { vi: 'Đèn đường hư hỏng', en: 'Broken street light' } },
    description: 'Đèn đường trước số 12 Lê Lợi tắt cả tuần nay.',
    descriptionHidden: false,
    location: SAI_GON,
    locationPrecision: 'point',
    address: '12 Lê Lợi',
    ward: WARD,
    agency: AGENCY,
    submittedAt: '2026-11-02T01:00:00Z',
    updatedAt: '2026-11-02T01:05:00Z',
    deadlineAt: '2026-11-16T10:00:00Z',
    meTooCount: 3,
    rating: null,
    photos: [
      {
        id: PHOTO,
        url: `/api/v1/feedback/photos/${PHOTO}`,
        thumbnailUrl: `/api/v1/feedback/photos/${PHOTO}/thumbnail`,
        width: 640,
        height: 480,
        purpose: 'report',
      },
    ],
    timeline: [entry(1, 'submitted', 'submitted', null), entry(2, 'forwarded', 'forwarded', null)],
    public: true,
    anonymous: false,
    source: 'web',
    answers: {},
    reporter: { name: 'Nguyễn Thị Thu Hà', email: null, phone: '0901234567' },
    coordinators: [],
    escalatedTo: null,
    overdue: true,
    reopenCount: 0,
    hiddenPhotos: [],
    photoGps: { lon: SAI_GON.lon, lat: 10.7772 },
    allowedActions: [
      'start',
      'respond',
      'reject',
      'reassign',
      'add_coordinator',
      'change_category',
      'moderate',
    ],
  }
}

/** Report B: anonymous, in progress, a category that needs an after-photo. */
function reportB(): ConsoleReport {
  return {
    ...reportA(),
    id: ID_B,
    code: 'PA-2026-000102',
    status: 'in_progress',
    category: { id: 'roads.pothole', name: { vi: 'Ổ gà, sụt lún mặt đường', en: 'Potholes' } },
    description: 'Ổ gà lớn giữa đường, xe máy dễ ngã.',
    submittedAt: '2026-11-20T01:00:00Z',
    deadlineAt: '2026-12-04T10:00:00Z',
    meTooCount: 0,
    photos: [],
    photoGps: null,
    anonymous: true,
    reporter: null,
    overdue: false,
    answers: { size: 'large' },
    allowedActions: ['respond', 'resolve', 'reject', 'reassign'],
  }
}

function summaryOf(report: ConsoleReport): ConsoleReportSummary {
  return {
    id: report.id,
    code: report.code,
    status: report.status,
    category: report.category,
    description: report.description,
    location: report.location,
    ward: { code: report.ward.code, name: report.ward.fullName },
    agency: report.agency,
    submittedAt: report.submittedAt,
    deadlineAt: report.deadlineAt,
    overdue: report.overdue,
    escalatedTo: report.escalatedTo,
    meTooCount: report.meTooCount,
    reopenCount: report.reopenCount,
  }
}

interface Sent {
  method: string
  path: string
  search: string
  body: unknown
}

/**
 * The feedback endpoints the pages call, answered from memory. Writes change the reports the way
 * the server would (enough for the page to show the new state) and are recorded in `sent`.
 */
class FakeFeedbackApi {
  readonly sent: Sent[] = []
  readonly reports = new Map([
    [ID_A, reportA()],
    [ID_B, reportB()],
  ])
  templates: ResponseTemplate[] = [
    {
      id: '55555555-5555-4555-8555-555555555555',
      agencyId: AGENCY.id,
      categoryId: 'roads',
      title: 'Đã vá ổ gà',
      body: 'Đơn vị đã vá ổ gà và hoàn trả mặt đường.',
    },
  ]
  rules: RoutingRule[] = [
    {
      id: '66666666-6666-4666-8666-666666666666',
      categoryId: 'lighting',
      wardCode: null,
      agency: { id: 'trung-tam-quan-ly-ha-tang-ky-thuat', name: 'Trung tâm Quản lý hạ tầng kỹ thuật' },
      note: 'Chiếu sáng công cộng',
      updatedAt: '2026-10-01T03:00:00Z',
    },
  ]

  async install(page: Page): Promise<void> {
    await page.route(
      (url) =>
        url.pathname.startsWith('/api/v1/console/feedback/') || url.pathname.startsWith('/api/v1/feedback/'),
      (route) => this.answer(route),
    )
  }

  requests(method: string, path: string): Sent[] {
    return this.sent.filter((sent) => sent.method === method && sent.path === path)
  }

  private async answer(route: Route): Promise<void> {
    const request = route.request()
    const url = new URL(request.url())
    const method = request.method()
    const body = request.postDataBuffer() && method !== 'GET' ? this.parse(request.postData()) : undefined
    this.sent.push({ method, path: url.pathname, search: url.search, body })
    const json = (status: number, value: unknown) =>
      route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(value) })
    const path = url.pathname
    const reportMatch = /^\/api\/v1\/console\/feedback\/reports\/([0-9a-f-]{36})(?:\/(\w+))?$/.exec(path)

    if (path === '/api/v1/feedback/categories') return json(200, { categories: CATEGORIES })
    if (path.startsWith('/api/v1/feedback/photos/')) {
      return route.fulfill({ status: 200, contentType: 'image/png', body: PNG })
    }
    if (path === '/api/v1/feedback/photos' && method === 'POST') {
      return json(201, {
        id: UPLOADED,
        thumbnailUrl: `/api/v1/feedback/photos/${UPLOADED}/thumbnail`,
        width: 1,
        height: 1,
      })
    }
    if (path === '/api/v1/console/feedback/reports') {
      const reports = [...this.reports.values()].map(summaryOf)
      return json(200, { reports, total: reports.length })
    }
    if (path === '/api/v1/console/feedback/reports.geojson') {
      return json(200, {
        type: 'FeatureCollection',
        features: [...this.reports.values()].map((report, index) => ({
          type: 'Feature',
          geometry: {
            type: 'Point',
            coordinates: [report.location.lon + index * 0.004, report.location.lat],
          },
          properties: {
            id: report.id,
            code: report.code,
            status: report.status,
            overdue: report.overdue,
            categoryName: report.category.name.vi,
          },
        })),
      })
    }
    if (path === '/api/v1/console/feedback/reports/reassign' && method === 'POST') {
      return json(200, { reassigned: (body as { reportIds: string[] }).reportIds.length })
    }
    if (reportMatch) {
      const report = this.reports.get(reportMatch[1] ?? '')
      if (!report) return json(404, problem('report_not_found'))
      const action = reportMatch[2]
      if (!action) return json(200, report)
      if (action === 'actions') {
        const { action: verb } = body as { action: 'start' | 'resolve' | 'reject' }
        const toStatus: ReportStatus =
          verb === 'start' ? 'in_progress' : verb === 'resolve' ? 'resolved' : 'rejected'
        report.timeline.push({
          ...entry(report.timeline.length + 1, 'status_changed', toStatus, null),
          fromStatus: report.status,
        })
        report.status = toStatus
        report.allowedActions = verb === 'start' ? ['respond', 'resolve', 'reject', 'reassign'] : []
        return json(200, report)
      }
      if (action === 'responses') {
        report.timeline.push(
          entry(report.timeline.length + 1, 'response', null, (body as { message: string }).message),
        )
        return json(200, report)
      }
      return json(200, report)
    }
    if (path === '/api/v1/console/feedback/templates') {
      if (method === 'POST') {
        const created = {
          id: '77777777-7777-4777-8777-777777777777',
          agencyId: AGENCY.id,
          categoryId: null,
          ...(body as object),
        } as ResponseTemplate
        this.templates = [...this.templates, created]
        return json(201, created)
      }
      return json(200, { templates: this.templates })
    }
    if (path.startsWith('/api/v1/console/feedback/templates/') && method === 'DELETE') {
      this.templates = this.templates.filter((template) => !path.endsWith(template.id))
      return route.fulfill({ status: 204 })
    }
    if (path === '/api/v1/console/feedback/routing-rules') {
      if (method === 'POST') {
        const sent = body as { categoryId: string; wardCode: string | null; agencyId: string; note?: string }
        const created: RoutingRule = {
          id: '88888888-8888-4888-8888-888888888888',
          categoryId: sent.categoryId,
          wardCode: sent.wardCode,
          agency: { id: sent.agencyId, name: sent.agencyId },
          note: sent.note ?? null,
          updatedAt: '2026-11-24T03:00:00Z',
        }
        this.rules = [...this.rules, created]
        return json(201, created)
      }
      return json(200, { rules: this.rules })
    }
    const ruleMatch = /^\/api\/v1\/console\/feedback\/routing-rules\/([0-9a-f-]{36})$/.exec(path)
    if (ruleMatch && method === 'DELETE') {
      this.rules = this.rules.filter((rule) => rule.id !== ruleMatch[1])
      return route.fulfill({ status: 204 })
    }
    if (ruleMatch && method === 'PUT') {
      const sent = body as { note?: string }
      this.rules = this.rules.map((rule) =>
        rule.id === ruleMatch[1] ? { ...rule, note: sent.note ?? null } : rule,
      )
      return json(
        200,
        this.rules.find((rule) => rule.id === ruleMatch[1]),
      )
    }
    return json(404, problem('not_found'))
  }

  private parse(text: string | null): unknown {
    try {
      return text ? JSON.parse(text) : undefined
    } catch {
      return text
    }
  }
}

function problem(code: string) {
  return {
    type: 'about:blank',
    title: code,
    status: 404,
    code,
    messages: { vi: 'Không tìm thấy.', en: 'Not found.' },
  }
}

let server: TestServer
let browser: Awaited<ReturnType<typeof launchChromium>>
let context: BrowserContext

beforeAll(async () => {
  // development: the demo officials exist.
  server = await startWebTestServer('/console/phan-anh', { NODE_ENV: 'development' })
  browser = await launchChromium('feedback-console')
  context = browser.context
  context.setDefaultTimeout(30_000)
  await signInOfficial(context, server.url)
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
}, 60_000)

async function open(path: string, api: FakeFeedbackApi, viewport = PHONE): Promise<Page> {
  const page = await context.newPage()
  await page.setViewportSize(viewport)
  await page.addInitScript(() => window.localStorage.setItem('dc.lang', 'vi'))
  await api.install(page)
  await page.goto(server.url + path)
  return page
}

describe('the queue', () => {
  it('lists reports as cards on a phone, filters through the URL and reassigns the selected ones', async () => {
    const api = new FakeFeedbackApi()
    const page = await open('/console/phan-anh', api)
    await page.getByRole('heading', { level: 1, name: 'Phản ánh của người dân' }).waitFor()
    const nav = page.getByRole('navigation', { name: 'Các trang của cổng cán bộ' })
    expect(await nav.getByRole('link', { name: 'Phản ánh' }).getAttribute('aria-current')).toBe('page')

    // Cards: the code is the link; the overdue one says so in words.
    const list = page.getByRole('list', { name: 'Danh sách phản ánh' })
    const first = list.getByRole('listitem').filter({ hasText: 'PA-2026-000101' })
    expect(await first.getByRole('link', { name: 'PA-2026-000101' }).getAttribute('href')).toBe(
      `/console/phan-anh/${ID_A}`,
    )
    await first.getByText('Quá hạn').waitFor()
    await first.getByText('Chờ tiếp nhận').waitFor()
    expect(
      await list.getByRole('listitem').filter({ hasText: 'PA-2026-000102' }).getByText('Quá hạn').count(),
    ).toBe(0)
    await page.getByText('Đang xem 1–2 trên tổng số 2 phản ánh.').waitFor()
    // The queue opened on "not finished", asked of the API by name.
    expect(api.requests('GET', '/api/v1/console/feedback/reports')[0]?.search).toBe('?status=open&limit=50')
    expect(await seriousViolations(page)).toEqual([])
    await noSidewaysScroll(page)

    // Bulk reassignment: nothing is sent until a report, an agency and a reason are given.
    await page.getByRole('button', { name: 'Chuyển đơn vị' }).click()
    await page.getByRole('button', { name: 'Chuyển 0 phản ánh' }).click()
    const summary = page.getByRole('alert').filter({ hasText: 'Cần sửa trước khi gửi' })
    await summary.getByRole('link', { name: /Hãy chọn ít nhất một phản ánh/ }).waitFor()
    await summary.getByRole('link', { name: 'Hãy chọn đơn vị nhận.' }).waitFor()
    await summary.getByRole('link', { name: /Hãy ghi lý do chuyển/ }).waitFor()
    expect(api.requests('POST', '/api/v1/console/feedback/reports/reassign')).toEqual([])

    await page.getByRole('checkbox', { name: 'Chọn PA-2026-000101' }).check()
    await page.getByRole('checkbox', { name: 'Chọn PA-2026-000102' }).check()
    await page.getByText('Đã chọn 2 phản ánh trên trang này.').waitFor()
    expect(await page.getByRole('checkbox', { name: 'Chọn mọi phản ánh trên trang này' }).isChecked()).toBe(
      true,
    )
    // The agency search goes to the real agencies API, diacritics optional.
    await page.getByRole('searchbox', { name: 'Tìm đơn vị' }).fill('phuong sai gon')
    const agencySelect = page.getByRole('combobox', { name: 'Đơn vị nhận' })
    await expect
      .poll(() => agencySelect.locator('option', { hasText: 'Ủy ban nhân dân Phường Sài Gòn' }).count())
      .toBe(1)
    await agencySelect.selectOption({ label: 'Ủy ban nhân dân Phường Sài Gòn' })
    await page.getByRole('textbox', { name: 'Lý do chuyển' }).fill('Thuộc địa bàn phường quản lý')
    await page.getByRole('button', { name: 'Chuyển 2 phản ánh' }).click()
    const done = page
      .getByRole('status')
      .filter({ hasText: 'Đã chuyển 2 phản ánh sang Ủy ban nhân dân Phường Sài Gòn.' })
    await done.waitFor()
    expect(await done.evaluate((element) => element === document.activeElement)).toBe(true)
    expect(api.requests('POST', '/api/v1/console/feedback/reports/reassign')[0]?.body).toEqual({
      reportIds: [ID_A, ID_B],
      agencyId: 'ubnd-26740',
      reason: 'Thuộc địa bàn phường quản lý',
    })
    // The list was read again, with nothing selected.
    await expect.poll(() => api.requests('GET', '/api/v1/console/feedback/reports').length).toBe(2)
    await page.getByRole('checkbox', { name: 'Chọn PA-2026-000101' }).waitFor()
    expect(await page.getByRole('checkbox', { name: 'Chọn PA-2026-000101' }).isChecked()).toBe(false)

    // Filters are a GET form: the choice lands in the URL, and the API gets it.
    await page.getByRole('combobox', { name: 'Trạng thái' }).selectOption({ label: 'Mọi trạng thái' })
    await page
      .getByRole('combobox', { name: 'Phường, xã, đặc khu' })
      .selectOption({ label: 'Phường Sài Gòn' })
    await page.getByRole('checkbox', { name: 'Chỉ phản ánh quá hạn' }).check()
    await page.getByRole('button', { name: 'Lọc', exact: true }).click()
    await page.waitForURL(/\/console\/phan-anh\?status=all&wardCode=26740&overdue=true$/)
    await page.getByRole('link', { name: 'Bỏ lọc' }).waitFor()
    await expect
      .poll(() => api.requests('GET', '/api/v1/console/feedback/reports').at(-1)?.search)
      .toBe('?wardCode=26740&overdue=true&limit=50')
    expect(await page.getByRole('checkbox', { name: 'Chỉ phản ánh quá hạn' }).isChecked()).toBe(true)
    await page.close()
  })

  it('is a table on a wide screen', async () => {
    const api = new FakeFeedbackApi()
    const page = await open('/console/phan-anh', api, { width: 1200, height: 900 })
    const table = page.getByRole('table')
    await table.getByRole('link', { name: 'PA-2026-000101' }).waitFor()
    for (const column of [
      'Mã',
      'Lĩnh vực',
      'Phường, xã, đặc khu',
      'Ngày gửi',
      'Hạn xử lý',
      'Cùng phản ánh',
      'Trạng thái',
    ]) {
      await table.getByRole('columnheader', { name: column, exact: true }).waitFor()
    }
    const overdueRow = table.getByRole('row').filter({ hasText: 'PA-2026-000101' })
    await overdueRow.getByText('Quá hạn').waitFor()
    await overdueRow.getByRole('cell', { name: '3', exact: true }).waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await page.close()
  })

  it('shows the queue on the map, and a chosen dot links to its report', async () => {
    const api = new FakeFeedbackApi()
    const page = await open('/console/phan-anh', api)
    const toggle = page.getByRole('button', { name: 'Xem trên bản đồ' })
    await toggle.click()
    expect(await page.getByRole('button', { name: 'Ẩn bản đồ' }).getAttribute('aria-expanded')).toBe('true')
    await page.getByText('Bản đồ có 2 phản ánh theo bộ lọc (không phân trang).').waitFor()
    await page.waitForFunction(() => {
      const map = window.dcMap
      return Boolean(map?.getLayer('dc-feedback-queue-points') && map.loaded() && map.areTilesLoaded())
    })
    expect(api.requests('GET', '/api/v1/console/feedback/reports.geojson')[0]?.search).toBe('?status=open')
    // Click the overdue report's dot.
    const point = await page.evaluate(
      ([lon, lat]) => {
        const map = window.dcMap
        if (!map) throw new Error('no map')
        const projected = map.project([lon as number, lat as number])
        const box = map.getCanvas().getBoundingClientRect()
        return { x: box.left + projected.x, y: box.top + projected.y }
      },
      [SAI_GON.lon, SAI_GON.lat],
    )
    await page.mouse.click(point.x, point.y)
    const link = page.getByRole('link', { name: 'Mở phản ánh PA-2026-000101' })
    await link.waitFor()
    expect(await link.getAttribute('href')).toBe(`/console/phan-anh/${ID_A}`)
    expect(
      await page.getByRole('region', { name: 'Bản đồ phản ánh' }).getByRole('status').textContent(),
    ).toBe('Đã chọn phản ánh PA-2026-000101.')
    expect(await seriousViolations(page)).toEqual([])
    await noSidewaysScroll(page)
    await page.close()
  })
})

describe('a report', () => {
  it('shows the reporter, the photo and its EXIF position, and is taken on with one button', async () => {
    const api = new FakeFeedbackApi()
    const page = await open(`/console/phan-anh/${ID_A}`, api)
    await page.getByRole('heading', { level: 1, name: 'Phản ánh PA-2026-000101' }).waitFor()
    await expect.poll(() => page.title()).toBe('PA-2026-000101 · Phản ánh · Cổng cán bộ')
    await page.getByText('Trạng thái: Chờ tiếp nhận').waitFor()
    const reporter = page.getByRole('region', { name: 'Người gửi' })
    await reporter.getByText('Nguyễn Thị Thu Hà').waitFor()
    await reporter.getByText('0901234567').waitFor()
    const photos = page.getByRole('region', { name: 'Hình ảnh' })
    await photos.getByRole('img', { name: 'Ảnh 1 người dân gửi kèm phản ánh PA-2026-000101' }).waitFor()
    await photos.getByText('10.77720, 106.70090').waitFor()
    await photos.getByText('33 m').waitFor()
    const history = page.getByRole('region', { name: 'Diễn biến xử lý' })
    await history.getByText('Chuyển đến đơn vị xử lý').waitFor()
    // Only what the server allows: no "resolve" before the report is taken on.
    const actions = page.getByRole('region', { name: 'Xử lý phản ánh' })
    expect(await actions.getByRole('button', { name: 'Báo đã xử lý xong' }).count()).toBe(0)
    expect(await seriousViolations(page)).toEqual([])
    await noSidewaysScroll(page)

    await actions.getByRole('button', { name: 'Tiếp nhận xử lý' }).click()
    const done = page.getByRole('status').filter({ hasText: 'Đã tiếp nhận xử lý phản ánh.' })
    await done.waitFor()
    expect(await done.evaluate((element) => element === document.activeElement)).toBe(true)
    await page.getByText('Trạng thái: Đang xử lý').waitFor()
    expect(api.requests('POST', `/api/v1/console/feedback/reports/${ID_A}/actions`)[0]?.body).toEqual({
      action: 'start',
    })
    expect(await actions.getByRole('button', { name: 'Tiếp nhận xử lý' }).count()).toBe(0)
    await actions.getByRole('button', { name: 'Báo đã xử lý xong' }).waitFor()
    await history.getByText('Chờ tiếp nhận → Đang xử lý').waitFor()
    await page.close()
  })

  it('keeps an anonymous reporter unknown, fills the answer from a template and resolves with an after-photo', async () => {
    const api = new FakeFeedbackApi()
    const page = await open(`/console/phan-anh/${ID_B}`, api)
    await page.getByRole('heading', { level: 1, name: 'Phản ánh PA-2026-000102' }).waitFor()
    const reporter = page.getByRole('region', { name: 'Người gửi' })
    await reporter.getByText('Ẩn danh', { exact: true }).waitFor()
    expect(await reporter.textContent()).not.toContain('Nguyễn')
    // The category's extra question, in words.
    await page.getByRole('region', { name: 'Nội dung phản ánh' }).getByText('Lớn (từ 50 cm)').waitFor()

    // Answer the resident with a template (the group's template fits the sub-category).
    const actions = page.getByRole('region', { name: 'Xử lý phản ánh' })
    await actions.getByRole('button', { name: 'Trả lời người dân' }).click()
    await actions.getByRole('combobox', { name: 'Mẫu trả lời' }).selectOption({ label: 'Đã vá ổ gà' })
    const answer = actions.getByRole('textbox', { name: 'Nội dung trả lời' })
    expect(await answer.inputValue()).toBe('Đơn vị đã vá ổ gà và hoàn trả mặt đường.')
    await actions.getByText('Đã điền nội dung từ mẫu “Đã vá ổ gà”.').waitFor()
    await answer.fill('Đơn vị sẽ vá ổ gà trong tuần này.')
    expect(await seriousViolations(page)).toEqual([])
    await actions.getByRole('button', { name: 'Gửi trả lời' }).click()
    await page.getByRole('status').filter({ hasText: 'Đã gửi trả lời cho người dân.' }).waitFor()
    expect(api.requests('POST', `/api/v1/console/feedback/reports/${ID_B}/responses`)[0]?.body).toEqual({
      message: 'Đơn vị sẽ vá ổ gà trong tuần này.',
    })
    await page
      .getByRole('region', { name: 'Diễn biến xử lý' })
      .getByText('Đơn vị sẽ vá ổ gà trong tuần này.')
      .waitFor()

    // Resolve: this category needs an after-photo, said before anything is sent.
    await actions.getByRole('button', { name: 'Báo đã xử lý xong' }).click()
    await actions.getByRole('textbox', { name: 'Kết quả xử lý' }).fill('Đã vá xong ổ gà, mặt đường phẳng.')
    await actions.getByRole('button', { name: 'Gửi kết quả xử lý' }).click()
    await page
      .getByRole('alert')
      .getByRole('link', { name: 'Lĩnh vực này cần ít nhất một ảnh chụp sau khi xử lý.' })
      .waitFor()
    expect(api.requests('POST', `/api/v1/console/feedback/reports/${ID_B}/actions`)).toEqual([])
    await actions
      .getByLabel('Ảnh sau khi xử lý')
      .setInputFiles({ name: 'sau.png', mimeType: 'image/png', buffer: PNG })
    await actions.getByRole('img', { name: 'Ảnh sau xử lý 1 vừa tải lên' }).waitFor()
    await actions.getByText('Đã tải lên 1 ảnh.').waitFor()
    await expect.poll(() => api.requests('POST', '/api/v1/feedback/photos').length).toBe(1)
    await actions.getByRole('button', { name: 'Gửi kết quả xử lý' }).click()
    await page.getByText('Trạng thái: Đã xử lý xong').waitFor()
    await page.getByRole('status').filter({ hasText: 'Đã báo kết quả xử lý.' }).waitFor()
    expect(api.requests('POST', `/api/v1/console/feedback/reports/${ID_B}/actions`)[0]?.body).toEqual({
      action: 'resolve',
      message: 'Đã vá xong ổ gà, mặt đường phẳng.',
      photoIds: [UPLOADED],
    })
    await page.getByText('Không có việc gì bạn cần làm với phản ánh này ở trạng thái hiện tại.').waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await noSidewaysScroll(page)
    await page.close()
  })
})

describe('changing a report', () => {
  it('changes the category, invites a coordinator, hides content and rejects, each with what it needs', async () => {
    const api = new FakeFeedbackApi()
    const page = await open(`/console/phan-anh/${ID_A}`, api)
    const actions = page.getByRole('region', { name: 'Xử lý phản ánh' })
    await page.getByRole('heading', { level: 1, name: 'Phản ánh PA-2026-000101' }).waitFor()
    const sentTo = (action: string) =>
      api.requests('POST', `/api/v1/console/feedback/reports/${ID_A}/${action}`)

    // Category: a leaf other than the current one, and a reason.
    await actions.getByRole('button', { name: 'Đổi lĩnh vực' }).click()
    expect(await actions.getByRole('button', { name: 'Đổi lĩnh vực' }).getAttribute('aria-expanded')).toBe(
      'true',
    )
    const newCategory = actions.getByRole('combobox', { name: 'Lĩnh vực mới' })
    expect(await newCategory.locator('option', { hasText: 'Đèn đường hư hỏng' }).count()).toBe(0)
    await actions.getByRole('button', { name: 'Lưu lĩnh vực mới' }).click()
    await page
      .getByRole('alert')
      .getByRole('link', { name: 'Hãy chọn lĩnh vực khác với lĩnh vực hiện tại.' })
      .waitFor()
    await newCategory.selectOption({ label: 'Ổ gà, sụt lún mặt đường' })
    await actions.getByRole('textbox', { name: 'Lý do đổi lĩnh vực' }).fill('Người dân chọn nhầm lĩnh vực')
    await actions.getByRole('button', { name: 'Lưu lĩnh vực mới' }).click()
    await expect.poll(() => sentTo('category').length).toBe(1)
    expect(sentTo('category')[0]?.body).toEqual({
      categoryId: 'roads.pothole',
      reason: 'Người dân chọn nhầm lĩnh vực',
    })
    // The form closed with the write.
    await expect.poll(() => actions.getByRole('combobox', { name: 'Lĩnh vực mới' }).count()).toBe(0)

    // Coordinator: the report's own agency is not offered.
    await actions.getByRole('button', { name: 'Thêm đơn vị phối hợp' }).click()
    await actions.getByRole('searchbox', { name: 'Tìm đơn vị' }).fill('so xay dung')
    const coordinator = actions.getByRole('combobox', { name: 'Đơn vị phối hợp' })
    await expect.poll(() => coordinator.locator('option', { hasText: 'Sở Xây dựng' }).count()).toBe(1)
    await coordinator.selectOption({ label: 'Sở Xây dựng' })
    await actions.getByRole('button', { name: 'Mời phối hợp' }).click()
    await page.getByRole('status').filter({ hasText: 'Đã mời Sở Xây dựng phối hợp xử lý.' }).waitFor()
    expect(sentTo('coordinators')[0]?.body).toEqual({ agencyId: 'so-xay-dung' })

    // Moderation: something to hide and a reason.
    await actions.getByRole('button', { name: 'Ẩn nội dung không phù hợp' }).click()
    const hide = actions.getByRole('group', { name: 'Ẩn phần nào' })
    await actions.getByRole('textbox', { name: 'Lý do ẩn' }).fill('Ảnh có biển số xe')
    await actions.getByRole('button', { name: 'Ẩn với công chúng' }).click()
    await page
      .getByRole('alert')
      .getByRole('link', { name: 'Hãy chọn phần mô tả hoặc ít nhất một ảnh để ẩn.' })
      .waitFor()
    await hide.getByRole('checkbox', { name: 'Ảnh 1' }).check()
    await actions.getByRole('button', { name: 'Ẩn với công chúng' }).click()
    await page.getByRole('status').filter({ hasText: 'Đã ẩn nội dung đã chọn với công chúng.' }).waitFor()
    expect(sentTo('moderation')[0]?.body).toEqual({ hidePhotoIds: [PHOTO], reason: 'Ảnh có biển số xe' })

    // Reject: the reason is required before anything is sent.
    await actions.getByRole('button', { name: 'Từ chối phản ánh' }).click()
    await actions.getByRole('button', { name: 'Xác nhận từ chối' }).click()
    await page.getByRole('alert').getByRole('link', { name: 'Hãy nhập ít nhất 5 ký tự.' }).waitFor()
    expect(sentTo('actions')).toEqual([])
    await actions.getByRole('textbox', { name: 'Lý do từ chối' }).fill('Không thuộc thẩm quyền của phường')
    expect(await seriousViolations(page)).toEqual([])
    await noSidewaysScroll(page)
    await actions.getByRole('button', { name: 'Xác nhận từ chối' }).click()
    await page.getByText('Trạng thái: Đã từ chối').waitFor()
    expect(sentTo('actions')[0]?.body).toEqual({
      action: 'reject',
      message: 'Không thuộc thẩm quyền của phường',
    })
    await page.close()
  })

  it('reassigns one report with its reason', async () => {
    const api = new FakeFeedbackApi()
    const page = await open(`/console/phan-anh/${ID_B}`, api)
    const actions = page.getByRole('region', { name: 'Xử lý phản ánh' })
    await actions.getByRole('button', { name: 'Chuyển đơn vị khác' }).click()
    await actions.getByRole('searchbox', { name: 'Tìm đơn vị' }).fill('so xay dung')
    const agency = actions.getByRole('combobox', { name: 'Đơn vị nhận' })
    await expect.poll(() => agency.locator('option', { hasText: 'Sở Xây dựng' }).count()).toBe(1)
    await agency.selectOption({ label: 'Sở Xây dựng' })
    await actions.getByRole('textbox', { name: 'Lý do chuyển' }).fill('Đường do Sở quản lý')
    await actions.getByRole('button', { name: 'Chuyển phản ánh' }).click()
    await page.getByRole('status').filter({ hasText: 'Đã chuyển phản ánh sang Sở Xây dựng.' }).waitFor()
    expect(api.requests('POST', `/api/v1/console/feedback/reports/${ID_B}/reassign`)[0]?.body).toEqual({
      agencyId: 'so-xay-dung',
      reason: 'Đường do Sở quản lý',
    })
    await page.close()
  })
})

describe('rules and templates', () => {
  it('lets a system administrator add a routing rule', async () => {
    const api = new FakeFeedbackApi()
    const page = await open('/console/phan-anh/quy-tac', api)
    await page.getByRole('heading', { level: 1, name: 'Quy tắc chuyển đơn vị' }).waitFor()
    const table = page.getByRole('region', { name: 'Các quy tắc chuyển đơn vị' })
    const row = table.getByRole('row').filter({ hasText: 'Chiếu sáng công cộng' })
    await row.getByText('Mọi phường, xã, đặc khu').waitFor()
    await row
      .getByRole('button', { name: 'Sửa quy tắc Chiếu sáng công cộng, Mọi phường, xã, đặc khu' })
      .waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await noSidewaysScroll(page)

    const form = page.getByRole('region', { name: 'Thêm quy tắc' })
    await form.getByRole('combobox', { name: 'Lĩnh vực' }).selectOption({ label: 'Đèn đường hư hỏng' })
    await form
      .getByRole('combobox', { name: 'Phường, xã, đặc khu' })
      .selectOption({ label: 'Phường Sài Gòn' })
    await form.getByRole('searchbox', { name: 'Tìm đơn vị' }).fill('phuong sai gon')
    const agency = form.getByRole('combobox', { name: 'Đơn vị nhận' })
    await expect.poll(() => agency.locator('option', { hasText: 'Phường Sài Gòn' }).count()).toBe(1)
    await agency.selectOption({ label: 'Ủy ban nhân dân Phường Sài Gòn' })
    await form.getByRole('button', { name: 'Thêm quy tắc' }).click()
    await page.getByRole('status').filter({ hasText: 'Đã thêm quy tắc.' }).waitFor()
    expect(api.requests('POST', '/api/v1/console/feedback/routing-rules')[0]?.body).toEqual({
      categoryId: 'lighting.streetlight',
      wardCode: '26740',
      agencyId: 'ubnd-26740',
    })
    await table
      .getByRole('row')
      .filter({ hasText: 'Đèn đường hư hỏng' })
      .getByText('Phường Sài Gòn')
      .waitFor()

    // Edit: the form takes the rule (its agency chosen again from the list) and the keyboard.
    await row
      .getByRole('button', { name: 'Sửa quy tắc Chiếu sáng công cộng, Mọi phường, xã, đặc khu' })
      .click()
    const editing = page.getByRole('region', { name: 'Sửa quy tắc' })
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Sửa quy tắc')
    expect(await editing.getByRole('combobox', { name: 'Lĩnh vực' }).inputValue()).toBe('lighting')
    await expect
      .poll(() => editing.getByRole('combobox', { name: 'Đơn vị nhận' }).inputValue())
      .toBe('trung-tam-quan-ly-ha-tang-ky-thuat')
    await editing.getByRole('textbox', { name: 'Ghi chú' }).fill('Đèn chiếu sáng công cộng')
    await editing.getByRole('button', { name: 'Lưu quy tắc' }).click()
    await page.getByRole('status').filter({ hasText: 'Đã lưu quy tắc.' }).waitFor()
    const ruleUrl = '/api/v1/console/feedback/routing-rules/66666666-6666-4666-8666-666666666666'
    expect(api.requests('PUT', ruleUrl)[0]?.body).toEqual({
      categoryId: 'lighting',
      wardCode: null,
      agencyId: 'trung-tam-quan-ly-ha-tang-ky-thuat',
      note: 'Đèn chiếu sáng công cộng',
    })
    await page.getByRole('region', { name: 'Thêm quy tắc' }).waitFor()

    // Delete, after a confirmation.
    await row
      .getByRole('button', { name: 'Xóa quy tắc Chiếu sáng công cộng, Mọi phường, xã, đặc khu' })
      .click()
    await page
      .getByRole('heading', { name: /^Xóa quy tắc “Chiếu sáng công cộng, Mọi phường, xã, đặc khu”\?/ })
      .waitFor()
    await page.getByRole('button', { name: 'Xóa quy tắc', exact: true }).click()
    await page.getByRole('status').filter({ hasText: 'Đã xóa quy tắc.' }).waitFor()
    expect(api.requests('DELETE', ruleUrl)).toHaveLength(1)
    await expect
      .poll(() => table.getByRole('row').filter({ hasText: 'Chiếu sáng công cộng' }).count())
      .toBe(0)
    await page.close()
  })

  it('adds and deletes response templates', async () => {
    const api = new FakeFeedbackApi()
    const page = await open('/console/phan-anh/mau', api)
    await page.getByRole('heading', { level: 1, name: 'Mẫu trả lời' }).waitFor()
    const list = page.getByRole('list', { name: 'Các mẫu trả lời' })
    await list.getByRole('heading', { name: 'Đã vá ổ gà' }).waitFor()

    await page.getByRole('textbox', { name: 'Tên mẫu' }).fill('Đã thay bóng đèn')
    await page.getByRole('textbox', { name: 'Nội dung' }).fill('Đơn vị đã thay bóng đèn mới.')
    await page.getByRole('button', { name: 'Thêm mẫu' }).click()
    await page.getByRole('status').filter({ hasText: 'Đã thêm mẫu “Đã thay bóng đèn”.' }).waitFor()
    expect(api.requests('POST', '/api/v1/console/feedback/templates')[0]?.body).toEqual({
      categoryId: null,
      title: 'Đã thay bóng đèn',
      body: 'Đơn vị đã thay bóng đèn mới.',
    })
    await list.getByRole('heading', { name: 'Đã thay bóng đèn' }).waitFor()

    await page.getByRole('button', { name: 'Xóa mẫu “Đã vá ổ gà”' }).click()
    await page.getByRole('heading', { name: 'Xóa mẫu “Đã vá ổ gà”?' }).waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await page.getByRole('button', { name: 'Xóa mẫu', exact: true }).click()
    await page.getByRole('status').filter({ hasText: 'Đã xóa mẫu “Đã vá ổ gà”.' }).waitFor()
    expect(
      api.requests('DELETE', '/api/v1/console/feedback/templates/55555555-5555-4555-8555-555555555555'),
    ).toHaveLength(1)
    await noSidewaysScroll(page)
    await page.close()
  })

  // Last: it signs the browser in as another official.
  it('shows the rules read-only to an officer', async () => {
    await signInOfficial(context, server.url, {
      username: 'canbo.phuongsaigon',
      password: 'Thanh-pho-so-2026!',
    })
    const api = new FakeFeedbackApi()
    const page = await open('/console/phan-anh/quy-tac', api)
    await page.getByText('Chỉ quản trị hệ thống được thêm, sửa, xóa quy tắc.').waitFor()
    const table = page.getByRole('region', { name: 'Các quy tắc chuyển đơn vị' })
    await table.getByRole('row').filter({ hasText: 'Chiếu sáng công cộng' }).waitFor()
    expect(await page.getByRole('button', { name: /^Sửa quy tắc/ }).count()).toBe(0)
    expect(await page.getByRole('region', { name: 'Thêm quy tắc' }).count()).toBe(0)
    const nav = page.getByRole('navigation', { name: 'Các trang của cổng cán bộ' })
    await nav.getByRole('link', { name: 'Phản ánh' }).waitFor()
    expect(await nav.getByRole('link', { name: 'Quản trị' }).count()).toBe(0)
    expect(await seriousViolations(page)).toEqual([])
    await page.close()
  })
})
