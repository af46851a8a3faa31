import type { Language } from '../../../core/messages.ts'
import { findLayer } from '../layers.ts'
import type {
  Collection,
  Collections,
  Conformance,
  Feature,
  FeatureCollection,
  LandingPage,
  Link,
  Queryables,
} from './ogc.schema.ts'
import { OGC_ROOT, type OgcContext, ogcHref } from './ogc.service.ts'

/**
 * The HTML views of the OGC documents (conformance class "html"): plain, accessible pages in the
 * request's language, Vietnamese by default. They render the same documents the JSON answers carry,
 * so the two cannot drift. Every value passes through `esc`: feature properties come from imports.
 */

/** Sent with every page: no scripts, no external resources, only the inline style below. */
export const HTML_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

const L = {
  home: { vi: 'Trang chủ OGC API', en: 'OGC API home' },
  collections: { vi: 'Các lớp dữ liệu', en: 'Collections' },
  conformance: { vi: 'Các lớp tuân thủ chuẩn', en: 'Conformance classes' },
  conformanceIntro: {
    vi: 'Dịch vụ này tuân thủ các lớp sau của chuẩn OGC API – Features:',
    en: 'This service conforms to these OGC API – Features classes:',
  },
  items: { vi: 'Các đối tượng', en: 'Features' },
  queryables: { vi: 'Thuộc tính lọc được', en: 'Queryable properties' },
  queryablesIntro: {
    vi: 'Lọc theo giá trị bằng tham số cùng tên, ví dụ',
    en: 'Filter by value with a parameter of the same name, for example',
  },
  asJson: { vi: 'Xem dạng JSON', en: 'View as JSON' },
  api: { vi: 'Mô tả API (OpenAPI)', en: 'API definition (OpenAPI)' },
  docs: { vi: 'Tài liệu API', en: 'API documentation' },
  id: { vi: 'Mã', en: 'Id' },
  title: { vi: 'Tên', en: 'Title' },
  description: { vi: 'Mô tả', en: 'Description' },
  location: { vi: 'Vị trí (kinh độ, vĩ độ)', en: 'Location (longitude, latitude)' },
  noLocation: { vi: 'Chưa xác định vị trí', en: 'No location' },
  extent: { vi: 'Phạm vi không gian (CRS84)', en: 'Spatial extent (CRS84)' },
  temporal: { vi: 'Phạm vi thời gian', en: 'Temporal extent' },
  attribution: { vi: 'Nguồn dữ liệu', en: 'Source' },
  property: { vi: 'Thuộc tính', en: 'Property' },
  type: { vi: 'Kiểu', en: 'Type' },
  value: { vi: 'Giá trị', en: 'Value' },
  geometry: { vi: 'Hình học', en: 'Geometry' },
  none: { vi: 'Không có đối tượng nào khớp.', en: 'No feature matches.' },
  next: { vi: 'Trang sau', en: 'Next page' },
  prev: { vi: 'Trang trước', en: 'Previous page' },
  pages: { vi: 'Phân trang', en: 'Pages' },
  breadcrumb: { vi: 'Đường dẫn', en: 'Breadcrumb' },
  otherLanguage: { vi: 'English', en: 'Tiếng Việt' },
} as const

type Label = keyof typeof L

/** Escapes text for HTML element content and double-quoted attribute values. */
export function esc(value: unknown): string {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}

interface Crumb {
  label: string
  href?: string
}

class Page {
  constructor(
    readonly ctx: OgcContext,
    /** The JSON version of this page. */
    readonly jsonHref: string,
  ) {}

  t(label: Label): string {
    return L[label][this.ctx.lang]
  }

  href(path: string, params: Record<string, string> = {}): string {
    return ogcHref(this.ctx, path, 'html', params)
  }

  /** The same page in the other language (?lang= wins over Accept-Language). */
  otherLanguageHref(): string {
    const url = new URL(this.jsonHref)
    url.searchParams.set('f', 'html')
    url.searchParams.set('lang', this.ctx.lang === 'vi' ? 'en' : 'vi')
    return url.toString()
  }

  crumbs(trail: Crumb[]): Crumb[] {
    return [{ label: this.t('home'), href: this.href(OGC_ROOT) }, ...trail]
  }

  render(title: string, trail: Crumb[], body: string): string {
    const lang: Language = this.ctx.lang
    const crumbs = this.crumbs(trail)
      .map((c, i, all) =>
        c.href && i < all.length - 1
          ? `<li><a href="${esc(c.href)}">${esc(c.label)}</a></li>`
          : `<li aria-current="page">${esc(c.label)}</li>`,
      )
      .join('')
    return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="alternate" type="application/json" href="${esc(this.jsonHref)}">
<style>
body{font-family:system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:1rem;line-height:1.5;color:#1a1a1a}
a{color:#0b5cad}a:focus{outline:3px solid #f5a623;outline-offset:2px}
nav ol{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem}nav li+li::before{content:"/";margin-right:.5rem}
table{border-collapse:collapse;width:100%;font-size:.95rem}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
caption{text-align:left;font-weight:600;padding:.3rem 0}.wrap{overflow-x:auto}
</style>
</head>
<body>
<header>
<nav aria-label="${esc(this.t('breadcrumb'))}"><ol>${crumbs}</ol></nav>
<p><a href="${esc(this.otherLanguageHref())}" lang="${lang === 'vi' ? 'en' : 'vi'}">${esc(this.t('otherLanguage'))}</a> · <a href="${esc(this.jsonHref)}">${esc(this.t('asJson'))}</a></p>
</header>
<main>
<h1>${esc(title)}</h1>
${body}
</main>
</body>
</html>
`
  }
}

const jsonLink = (links: Link[], rel = 'self'): string =>
  links.find((l) => l.rel === rel && l.type !== 'text/html')?.href ?? ''

export function landingHtml(doc: LandingPage, ctx: OgcContext): string {
  const page = new Page(ctx, jsonLink(doc.links))
  const api = doc.links.find((l) => l.rel === 'service-desc')?.href ?? ''
  const docs = doc.links.find((l) => l.rel === 'service-doc')?.href ?? ''
  return page.render(
    doc.title,
    [],
    `<p>${esc(doc.description)}</p>
<ul>
<li><a href="${esc(page.href(`${OGC_ROOT}/collections`))}">${esc(page.t('collections'))}</a></li>
<li><a href="${esc(page.href(`${OGC_ROOT}/conformance`))}">${esc(page.t('conformance'))}</a></li>
<li><a href="${esc(api)}">${esc(page.t('api'))}</a></li>
<li><a href="${esc(docs)}">${esc(page.t('docs'))}</a></li>
</ul>`,
  )
}

export function conformanceHtml(doc: Conformance, ctx: OgcContext): string {
  const page = new Page(ctx, ogcHref(ctx, `${OGC_ROOT}/conformance`, 'json'))
  const items = doc.conformsTo.map((uri) => `<li><a href="${esc(uri)}">${esc(uri)}</a></li>`).join('\n')
  return page.render(
    page.t('conformance'),
    [{ label: page.t('conformance') }],
    `<p>${esc(page.t('conformanceIntro'))}</p>\n<ul>\n${items}\n</ul>`,
  )
}

export function collectionsHtml(doc: Collections, ctx: OgcContext): string {
  const page = new Page(ctx, jsonLink(doc.links))
  const rows = doc.collections
    .map(
      (
        c,
      ) => `<tr><th scope="row"><a href="${esc(page.href(`${OGC_ROOT}/collections/${encodeURIComponent(c.id)}`))}">${esc(c.title)}</a></th>
<td><code>${esc(c.id)}</code></td><td>${esc(c.description)}</td>
<td><a href="${esc(page.href(`${OGC_ROOT}/collections/${encodeURIComponent(c.id)}/items`))}">${esc(page.t('items'))}</a></td></tr>`,
    )
    .join('\n')
  return page.render(
    page.t('collections'),
    [{ label: page.t('collections') }],
    `<div class="wrap"><table>
<caption>${esc(page.t('collections'))}</caption>
<thead><tr><th scope="col">${esc(page.t('title'))}</th><th scope="col">${esc(page.t('id'))}</th><th scope="col">${esc(page.t('description'))}</th><th scope="col">${esc(page.t('items'))}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table></div>`,
  )
}

export function collectionHtml(doc: Collection, ctx: OgcContext): string {
  const page = new Page(ctx, jsonLink(doc.links))
  const base = `${OGC_ROOT}/collections/${encodeURIComponent(doc.id)}`
  const bbox = doc.extent?.spatial?.bbox[0]
  const interval = doc.extent?.temporal?.interval[0]
  const facts = [
    [page.t('id'), `<code>${esc(doc.id)}</code>`],
    [page.t('attribution'), esc(doc.attribution)],
    ...(bbox ? [[page.t('extent'), esc(bbox.join(', '))]] : []),
    ...(interval ? [[page.t('temporal'), esc(interval.map((v) => v ?? '..').join(' / '))]] : []),
  ]
    .map(([term, value]) => `<dt>${esc(term)}</dt><dd>${value}</dd>`)
    .join('\n')
  return page.render(
    doc.title,
    [{ label: page.t('collections'), href: page.href(`${OGC_ROOT}/collections`) }, { label: doc.title }],
    `<p>${esc(doc.description)}</p>
<dl>
${facts}
</dl>
<ul>
<li><a href="${esc(page.href(`${base}/items`))}">${esc(page.t('items'))}</a></li>
<li><a href="${esc(page.href(`${base}/queryables`))}">${esc(page.t('queryables'))}</a></li>
</ul>`,
  )
}

export function queryablesHtml(doc: Queryables, collectionId: string, ctx: OgcContext): string {
  const base = `${OGC_ROOT}/collections/${encodeURIComponent(collectionId)}`
  const page = new Page(ctx, ogcHref(ctx, `${base}/queryables`, 'json'))
  const names = Object.keys(doc.properties)
  const rows = Object.entries(doc.properties)
    .map(
      ([name, schema]) =>
        `<tr><th scope="row"><code>${esc(name)}</code></th><td>${esc(typeOf(schema))}</td></tr>`,
    )
    .join('\n')
  const example = names[0] ? `<code>?${esc(names[0])}=…</code>` : ''
  return page.render(
    `${doc.title}: ${page.t('queryables')}`,
    [
      { label: page.t('collections'), href: page.href(`${OGC_ROOT}/collections`) },
      { label: doc.title, href: page.href(base) },
      { label: page.t('queryables') },
    ],
    `<p>${esc(page.t('queryablesIntro'))} ${example}.</p>
<table>
<thead><tr><th scope="col">${esc(page.t('property'))}</th><th scope="col">${esc(page.t('type'))}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`,
  )
}

export function itemsHtml(doc: FeatureCollection, collectionId: string, ctx: OgcContext): string {
  const layer = findLayer(collectionId)
  const title = layer ? layer.title[ctx.lang] : collectionId
  const base = `${OGC_ROOT}/collections/${encodeURIComponent(collectionId)}`
  const page = new Page(ctx, jsonLink(doc.links))
  const columns = layer ? Object.keys(layer.properties) : Object.keys(doc.features[0]?.properties ?? {})
  const head = [page.t('id'), ...columns, page.t('location')]
    .map((c) => `<th scope="col">${esc(c)}</th>`)
    .join('')
  const rows = doc.features
    .map((f) => {
      const cells = columns.map((c) => `<td>${esc(display(f.properties[c]))}</td>`).join('')
      const href = page.href(`${base}/items/${encodeURIComponent(f.id)}`)
      return `<tr><th scope="row"><a href="${esc(href)}">${esc(f.id)}</a></th>${cells}<td>${esc(place(f, page))}</td></tr>`
    })
    .join('\n')
  const first = doc.numberReturned > 0 ? offsetOf(doc) + 1 : 0
  const summary =
    ctx.lang === 'vi'
      ? `Hiển thị ${first}–${offsetOf(doc) + doc.numberReturned} trên tổng số ${doc.numberMatched} đối tượng.`
      : `Showing ${first}–${offsetOf(doc) + doc.numberReturned} of ${doc.numberMatched} features.`
  const pager = (['prev', 'next'] as const)
    .map((rel) => doc.links.find((l) => l.rel === rel))
    .filter((l): l is Link => l !== undefined)
    .map((l) => `<a href="${esc(asHtml(l.href))}" rel="${l.rel}">${esc(page.t(l.rel as Label))}</a>`)
    .join(' · ')
  const table = doc.features.length
    ? `<div class="wrap"><table>
<caption>${esc(summary)}</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${rows}
</tbody>
</table></div>`
    : `<p>${esc(page.t('none'))}</p>`
  return page.render(
    `${title}: ${page.t('items')}`,
    [
      { label: page.t('collections'), href: page.href(`${OGC_ROOT}/collections`) },
      { label: title, href: page.href(base) },
      { label: page.t('items') },
    ],
    `${table}
${pager ? `<nav aria-label="${esc(page.t('pages'))}"><p>${pager}</p></nav>` : ''}`,
  )
}

export function itemHtml(doc: Feature, collectionId: string, ctx: OgcContext): string {
  const layer = findLayer(collectionId)
  const title = layer ? layer.title[ctx.lang] : collectionId
  const base = `${OGC_ROOT}/collections/${encodeURIComponent(collectionId)}`
  const page = new Page(ctx, jsonLink(doc.links ?? []))
  const rows = Object.entries(doc.properties)
    .map(([name, value]) => `<tr><th scope="row">${esc(name)}</th><td>${esc(display(value))}</td></tr>`)
    .join('\n')
  return page.render(
    `${title}: ${doc.id}`,
    [
      { label: page.t('collections'), href: page.href(`${OGC_ROOT}/collections`) },
      { label: title, href: page.href(base) },
      { label: page.t('items'), href: page.href(`${base}/items`) },
      { label: doc.id },
    ],
    `<table>
<thead><tr><th scope="col">${esc(page.t('property'))}</th><th scope="col">${esc(page.t('value'))}</th></tr></thead>
<tbody>
${rows}
<tr><th scope="row">${esc(page.t('location'))}</th><td>${esc(place(doc, page))}</td></tr>
</tbody>
</table>`,
  )
}

function display(value: unknown): string {
  if (value === null || value === undefined) return '—'
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

/** A point's coordinates, another geometry's type, or "no location" for unlocated features. */
function place(feature: Feature, page: Page): string {
  const g = feature.geometry
  if (!g) return page.t('noLocation')
  if (g.type === 'Point' && Array.isArray(g.coordinates)) {
    return (g.coordinates as number[]).map((n) => n.toFixed(6)).join(', ')
  }
  return g.type
}

function typeOf(schema: unknown): string {
  const s = schema as { type?: unknown; anyOf?: unknown[]; const?: unknown; enum?: unknown[] }
  if (s.anyOf) {
    const consts = s.anyOf.map((x) => (x as { const?: unknown }).const).filter((x) => x !== undefined)
    if (consts.length === s.anyOf.length) return consts.join(' | ')
    return [...new Set(s.anyOf.map(typeOf))].join(' | ')
  }
  if (s.const !== undefined) return String(s.const)
  return String(s.type ?? 'any')
}

function offsetOf(doc: FeatureCollection): number {
  const self = jsonLink(doc.links)
  return self ? Number(new URL(self).searchParams.get('offset') ?? 0) : 0
}

function asHtml(href: string): string {
  const url = new URL(href)
  url.searchParams.set('f', 'html')
  return url.toString()
}
