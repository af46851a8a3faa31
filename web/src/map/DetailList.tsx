import type { ReactNode } from 'react'

/** A definition list of term → value rows; rows without a value are left out. */
export function DetailList({ rows }: { rows: [term: string, value: ReactNode][] }) {
  const shown = rows.filter(([, value]) => value !== undefined && value !== null && value !== '')
  return (
    <dl className="detail-list">
      {shown.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  )
}

/** A feature property as text, or undefined when it is missing (vector tiles drop nulls). */
export function propertyText(properties: Record<string, unknown>, name: string): string | undefined {
  const value = properties[name]
  if (value === undefined || value === null || value === '') return undefined
  return String(value)
}
