/** Paths of the resident's feedback pages (Vietnamese, like the rest of the resident app). */
export const feedbackPaths = {
  list: '/phan-anh',
  submit: '/phan-anh/gui',
  mine: '/phan-anh-cua-toi',
  inbox: '/hop-thu',
} as const

export function reportPath(reportId: string): string {
  return `${feedbackPaths.list}/${encodeURIComponent(reportId)}`
}

const reportPathPattern = /^\/phan-anh\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i

/** The report id of a `/phan-anh/<uuid>` path; undefined for any other path. */
export function reportIdFromPath(path: string): string | undefined {
  return reportPathPattern.exec(path)?.[1]?.toLowerCase()
}

/** The sign-in page, coming back to `path` afterwards. */
export function signInPathFor(path: string): string {
  return `/dang-nhap?returnTo=${encodeURIComponent(path)}`
}
