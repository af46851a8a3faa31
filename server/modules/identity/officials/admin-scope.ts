import { AppError } from '../../../core/errors.ts'
import type { Principal } from '../../../core/http/access.ts'
import type { AgencyDirectory } from '../agencies/agency-directory.ts'

/**
 * What an administrator may manage (officials, API keys): a system_admin everything; an
 * agency_admin their own agency and the agencies under it.
 *
 * Refusals, chosen so as not to reveal what lies outside one's scope:
 * - naming an agency outside it (list filter, create) → 403 forbidden;
 * - a record (official, key) of an agency outside it, by id → 404 not_found, as if it did not exist;
 * - granting system_admin, or changing an official who holds it, without being system_admin → 403.
 */
export class AdminScope {
  private constructor(
    readonly all: boolean,
    private readonly agencyIds: ReadonlySet<string>,
  ) {}

  static of(principal: Principal, agencies: AgencyDirectory): AdminScope {
    if (principal.kind !== 'official') throw new AppError('forbidden')
    if (principal.roles.includes('system_admin')) return new AdminScope(true, new Set())
    if (principal.roles.includes('agency_admin')) {
      return new AdminScope(false, new Set(agencies.subtree(principal.agencyId)))
    }
    throw new AppError('forbidden')
  }

  get isSystemAdmin(): boolean {
    return this.all
  }

  includes(agencyId: string): boolean {
    return this.all || this.agencyIds.has(agencyId)
  }

  /** The agencies a list may show: all of them, or the scope (narrowed to `under` and its subtree when given). */
  listable(agencies: AgencyDirectory, under?: string): string[] | 'all' {
    if (under !== undefined) {
      if (!agencies.get(under)) throw new AppError('agency_not_found')
      if (!this.includes(under)) throw new AppError('forbidden')
      return agencies.subtree(under)
    }
    return this.all ? 'all' : [...this.agencyIds]
  }

  /** For creating something in an agency: it must exist and be in scope. */
  assertAgency(agencies: AgencyDirectory, agencyId: string): void {
    if (!agencies.get(agencyId)) {
      throw new AppError('agency_not_found', {
        errors: [
          {
            pointer: '/agencyId',
            message: { vi: 'Không có cơ quan với mã này.', en: 'No agency has this id.' },
          },
        ],
      })
    }
    if (!this.includes(agencyId)) throw new AppError('forbidden')
  }

  assertMayGrant(roles: readonly string[] | undefined): void {
    if (roles?.includes('system_admin') && !this.all) {
      throw new AppError('forbidden', {
        detail: {
          vi: 'Chỉ quản trị hệ thống mới được cấp quyền quản trị hệ thống.',
          en: 'Only a system administrator can grant the system administrator role.',
        },
      })
    }
  }
}
