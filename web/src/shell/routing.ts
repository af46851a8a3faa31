/**
 * The apps route by the page's path, with plain links between pages (full navigations): there are
 * few pages, and the server answers every app path with the app's index.html.
 */
export function currentPath(): string {
  const path = window.location.pathname
  return path.length > 1 ? path.replace(/\/+$/, '') : path
}
