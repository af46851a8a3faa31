import { createHash, randomBytes, randomUUID } from 'node:crypto'
import type {} from '@fastify/cookie'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { type CompiledQuery, type Kysely, type Selectable, sql } from 'kysely'
import type { IdentityConfig } from '../../config.ts'
import { statementBatcher } from '../../core/db/batching.ts'
import { prepared } from '../../core/db/prepared.ts'
import type { DB } from '../../core/db/schema.ts'

export const SESSION_COOKIE = 'dc_session'

/** 32 random bytes, base64url: what cookies and one-time links carry. */
export const newToken = () => randomBytes(32).toString('base64url')
/** Tokens are stored only as their SHA-256, so a database read does not yield usable sessions. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

export type SessionSubject =
  | { kind: 'resident'; residentId: string }
  | { kind: 'official'; officialId: string }

export interface ActiveSession {
  id: string
  kind: 'resident' | 'official'
  residentId: string | null
  officialId: string | null
  csrfToken: string
  createdAt: Date
  lastSeenAt: Date
  expiresAt: Date
}

export interface SessionSummary {
  id: string
  createdAt: Date
  lastSeenAt: Date
  expiresAt: Date
  userAgent: string | null
  ip: string | null
  current: boolean
}

/** A session row with its subject's state (open resident, enabled official and their reach). */
type SessionLookupRow = Selectable<DB['identity.sessions']> & {
  open_resident_id: string | null
  enabled_official_id: string | null
  agency_id: string | null
  roles: string[] | null
  ward_codes: string[] | null
}

/** Don't rewrite last_seen_at on every request: once a minute is precise enough for idle timeouts. */
const TOUCH_INTERVAL_MS = 60_000

/**
 * Server-side sessions: a random token in an HttpOnly cookie, its hash in identity.sessions, a
 * per-session CSRF token, an idle timeout (SESSION_IDLE_MINUTES since last use) and an absolute one
 * (SESSION_ABSOLUTE_HOURS since sign-in). Every sign-in makes a new session (and ends the one the
 * browser had), so a token planted before sign-in is never promoted: no session fixation.
 */
export class SessionService {
  /** Every signed-in request looks its session up: those in flight together share one query. */
  readonly #lookups = statementBatcher<string, SessionLookupRow | undefined>((hashes) => this.#lookUp(hashes))

  constructor(
    private readonly db: Kysely<DB>,
    private readonly config: IdentityConfig,
  ) {}

  /**
   * The lookup query, built once: Kysely's builder costs more than the query's own work here, and
   * only the list of token hashes (its one parameter) changes from batch to batch.
   */
  #lookupCompiled: CompiledQuery<SessionLookupRow> | undefined

  #lookupQuery(hashes: readonly string[]): CompiledQuery<SessionLookupRow> {
    this.#lookupCompiled ??= this.db
      .selectFrom('identity.sessions as s')
      .modifyFront(prepared('identity_session_lookup'))
      .leftJoin('identity.residents as r', (join) =>
        join.onRef('r.id', '=', 's.resident_id').on('r.closed_at', 'is', null),
      )
      .leftJoin('identity.officials as o', (join) =>
        join.onRef('o.id', '=', 's.official_id').on('o.disabled_at', 'is', null),
      )
      .selectAll('s')
      .select([
        'r.id as open_resident_id',
        'o.id as enabled_official_id',
        'o.agency_id',
        'o.roles',
        'o.ward_codes',
      ])
      .where('s.token_hash', '=', sql<string>`any(${[]}::text[])`)
      .where('s.revoked_at', 'is', null)
      .compile()
    return { ...this.#lookupCompiled, parameters: [hashes] }
  }

  async #lookUp(hashes: readonly string[]): Promise<Array<SessionLookupRow | undefined>> {
    const { rows } = await this.db.executeQuery(this.#lookupQuery(hashes))
    const byHash = new Map(rows.map((row) => [row.token_hash, row]))
    return hashes.map((hash) => byHash.get(hash))
  }

  async create(
    subject: SessionSubject,
    client: { userAgent?: string | undefined; ip?: string | undefined },
  ): Promise<{ token: string; session: ActiveSession }> {
    const token = newToken()
    const now = new Date()
    const row = await this.db
      .insertInto('identity.sessions')
      .values({
        token_hash: hashToken(token),
        id: randomUUID(),
        kind: subject.kind,
        resident_id: subject.kind === 'resident' ? subject.residentId : null,
        official_id: subject.kind === 'official' ? subject.officialId : null,
        csrf_token: newToken(),
        created_at: now,
        last_seen_at: now,
        expires_at: new Date(now.getTime() + this.config.sessionAbsoluteHours * 3_600_000),
        user_agent: client.userAgent?.slice(0, 300) ?? null,
        ip: client.ip ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    return { token, session: toActive(row) }
  }

  /** The live session for a cookie token, or undefined (unknown, revoked, idle too long, expired). */
  async resolve(token: string): Promise<ActiveSession | undefined> {
    return (await this.resolveWithSubject(token))?.session
  }

  /**
   * The live session and, in the same query (every signed-in request makes it), whether its
   * resident account is still open or its official still enabled, with the official's reach.
   */
  async resolveWithSubject(
    token: string,
  ): Promise<{ session: ActiveSession; subject: SessionSubjectState } | undefined> {
    const row = await this.#lookups.load(hashToken(token))
    if (!row) return undefined
    const now = Date.now()
    const idleLimit = this.config.sessionIdleMinutes * 60_000
    if (row.expires_at.getTime() <= now || now - row.last_seen_at.getTime() > idleLimit) return undefined
    if (now - row.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
      await this.db
        .updateTable('identity.sessions')
        .set({ last_seen_at: new Date(now) })
        .where('token_hash', '=', row.token_hash)
        .execute()
    }
    const subject: SessionSubjectState =
      row.open_resident_id !== null
        ? { kind: 'resident', residentId: row.open_resident_id }
        : row.enabled_official_id !== null
          ? {
              kind: 'official',
              officialId: row.enabled_official_id,
              agencyId: row.agency_id as string,
              roles: row.roles as string[],
              wardCodes: row.ward_codes as string[],
            }
          : { kind: 'gone' }
    return { session: toActive(row), subject }
  }

  async revokeToken(token: string): Promise<void> {
    await this.db
      .updateTable('identity.sessions')
      .set({ revoked_at: sql`now()` })
      .where('token_hash', '=', hashToken(token))
      .where('revoked_at', 'is', null)
      .execute()
  }

  /** Ends one of the subject's sessions by its public id; false if it is not theirs or not live. */
  async revoke(subject: SessionSubject, sessionId: string): Promise<boolean> {
    const [column, value] = subjectColumn(subject)
    const result = await this.db
      .updateTable('identity.sessions')
      .set({ revoked_at: sql`now()` })
      .where(column, '=', value)
      .where('id', '=', sessionId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) > 0
  }

  /** Sign out everywhere: every live session of the subject. */
  async revokeAll(subject: SessionSubject): Promise<number> {
    const [column, value] = subjectColumn(subject)
    const result = await this.db
      .updateTable('identity.sessions')
      .set({ revoked_at: sql`now()` })
      .where(column, '=', value)
      .where('revoked_at', 'is', null)
      .executeTakeFirst()
    return Number(result.numUpdatedRows)
  }

  async list(subject: SessionSubject, currentId?: string): Promise<SessionSummary[]> {
    const idleCutoff = new Date(Date.now() - this.config.sessionIdleMinutes * 60_000)
    const [column, value] = subjectColumn(subject)
    const rows = await this.db
      .selectFrom('identity.sessions')
      .selectAll()
      .where(column, '=', value)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', new Date())
      .where('last_seen_at', '>', idleCutoff)
      .orderBy('last_seen_at', 'desc')
      .execute()
    return rows.map((row) => ({
      id: row.id,
      createdAt: row.created_at,
      lastSeenAt: row.last_seen_at,
      expiresAt: row.expires_at,
      userAgent: row.user_agent,
      ip: row.ip,
      current: row.id === currentId,
    }))
  }

  /** Removes sessions that can no longer be used (retention). */
  async deleteEnded(olderThan: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('identity.sessions')
      .where((eb) => eb.or([eb('expires_at', '<', olderThan), eb('revoked_at', '<', olderThan)]))
      .executeTakeFirst()
    return Number(result.numDeletedRows)
  }
}

function subjectColumn(subject: SessionSubject): ['resident_id' | 'official_id', string] {
  return subject.kind === 'resident'
    ? ['resident_id', subject.residentId]
    : ['official_id', subject.officialId]
}

/** Who a session belongs to now: gone when the account was closed or the official disabled. */
export type SessionSubjectState =
  | { kind: 'resident'; residentId: string }
  | { kind: 'official'; officialId: string; agencyId: string; roles: string[]; wardCodes: string[] }
  | { kind: 'gone' }

function toActive(row: {
  id: string
  kind: 'resident' | 'official'
  resident_id: string | null
  official_id: string | null
  csrf_token: string
  created_at: Date
  last_seen_at: Date
  expires_at: Date
}): ActiveSession {
  return {
    id: row.id,
    kind: row.kind,
    residentId: row.resident_id,
    officialId: row.official_id,
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
  }
}

/** Cookie attributes for the session: HttpOnly, SameSite=Lax (top-level e-ID redirects return with it), Secure. */
export function setSessionCookie(reply: FastifyReply, token: string, config: IdentityConfig): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    secure: config.cookieSecure,
    sameSite: 'lax',
    maxAge: config.sessionAbsoluteHours * 3600,
  })
}

export function clearSessionCookie(reply: FastifyReply, config: IdentityConfig): void {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    secure: config.cookieSecure,
    sameSite: 'lax',
  })
}

export const sessionTokenOf = (request: FastifyRequest): string | undefined => request.cookies[SESSION_COOKIE]

export const clientOf = (request: FastifyRequest) => ({
  userAgent: request.headers['user-agent'],
  ip: request.ip,
})
