/** The console's feedback pages, all under `/console/phan-anh`. */
export const feedbackPaths = {
  queue: '/console/phan-anh',
  rules: '/console/phan-anh/quy-tac',
  templates: '/console/phan-anh/mau',
} as const

export type FeedbackRoute =
  | { page: 'queue' }
  | { page: 'rules' }
  | { page: 'templates' }
  | { page: 'report'; id: string }
  | { page: 'notFound' }

const reportId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function reportPath(id: string): string {
  return `${feedbackPaths.queue}/${encodeURIComponent(id)}`
}

/** True for every path these pages answer (including unknown ones below them, which get "not found"). */
export function isFeedbackPath(path: string): boolean {
  return path === feedbackPaths.queue || path.startsWith(`${feedbackPaths.queue}/`)
}

/** Which feedback page a path (without trailing slash) shows. */
export function feedbackRouteOf(path: string): FeedbackRoute {
  if (path === feedbackPaths.queue) return { page: 'queue' }
  if (path === feedbackPaths.rules) return { page: 'rules' }
  if (path === feedbackPaths.templates) return { page: 'templates' }
  const rest = path.startsWith(`${feedbackPaths.queue}/`) ? path.slice(feedbackPaths.queue.length + 1) : ''
  let id = ''
  try {
    id = decodeURIComponent(rest)
  } catch {
    // A broken escape is just an unknown page.
  }
  return reportId.test(id) ? { page: 'report', id: id.toLowerCase() } : { page: 'notFound' }
}

/** Roles that work on residents' reports (alert operators, for one, do not); the server checks too. */
const feedbackRoles: readonly string[] = ['officer', 'agency_admin', 'leader', 'system_admin']

export function handlesFeedback(roles: readonly string[]): boolean {
  return roles.some((role) => feedbackRoles.includes(role))
}
