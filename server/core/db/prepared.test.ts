import {
  CompiledQuery,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
} from 'kysely'
import { describe, expect, it } from 'vitest'
import { prepared, preparedNameOf } from './prepared.ts'

/** Kysely without a connection: enough to compile queries and read their text. */
const compiler = new Kysely<Record<string, never>>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
})

describe('prepared statement markers', () => {
  it('names a query that carries the marker, wherever it is, and no other', () => {
    const raw = sql`${prepared('feedback_insert_reports')} INSERT INTO t VALUES (${1})`.compile(compiler)
    expect(preparedNameOf(raw.sql)).toBe('feedback_insert_reports')
    const built = compiler
      .selectFrom('t' as never)
      .modifyFront(prepared('session_lookup'))
      .selectAll()
      .compile()
    expect(built.sql).toMatch(/^select \/\*prepared:session_lookup\*\/ \*/)
    expect(preparedNameOf(built.sql)).toBe('session_lookup')
    expect(preparedNameOf(CompiledQuery.raw('select 1').sql)).toBeUndefined()
    expect(preparedNameOf('select 1 /*prepared:unterminated')).toBeUndefined()
  })

  it('refuses names PostgreSQL or a comment could not carry', () => {
    for (const name of ['', 'Upper', '1st', 'has space', 'end*/', 'x'.repeat(64)]) {
      expect(() => prepared(name), name).toThrow(/must match/)
    }
  })
})
