import { type RawBuilder, sql } from 'kysely'

/**
 * Server-side prepared statements for the few queries every request runs (the session lookup, a
 * report's submission). node-postgres sends each query as an unnamed statement, which PostgreSQL
 * parses and plans again every time; for a statement like the report's five-table insert that
 * planning is most of its cost (pgbench on this machine: 2,890 submissions/s unnamed against 5,660
 * prepared). A query opts in by carrying a marker comment, `prepared('name')`, anywhere in its
 * text: on PostgreSQL the pool then sends it as the named statement `name`, which each connection
 * prepares once and reuses; the embedded engine ignores the marker (it has one session and no
 * network round trip to save).
 *
 * A name stands for one SQL text: node-postgres refuses a second text under a name a connection
 * has prepared, so only queries whose text never varies (a fixed number of parameters, arrays
 * passed as one parameter) may carry a marker. Schema changes re-plan prepared statements by
 * themselves; migrations run before an instance serves.
 */
const MARKER = '/*prepared:'
const NAME = /^[a-z][a-z0-9_]{0,62}$/

/** The marker comment to put in a query (`sql` fragment, or `modifyFront` of a builder). */
export function prepared(name: string): RawBuilder<unknown> {
  if (!NAME.test(name)) throw new Error(`prepared statement name '${name}' must match ${NAME}`)
  return sql.raw(`${MARKER}${name}*/`)
}

/** The statement name a query's text asks for, or undefined for an ordinary (unnamed) query. */
export function preparedNameOf(text: string): string | undefined {
  const start = text.indexOf(MARKER)
  if (start === -1) return undefined
  const end = text.indexOf('*/', start + MARKER.length)
  return end === -1 ? undefined : text.slice(start + MARKER.length, end)
}
