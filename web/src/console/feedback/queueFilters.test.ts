import { describe, expect, it } from 'vitest'
import {
  apiQuery,
  defaultQueueFilters,
  filtersFromSearch,
  hasActiveFilters,
  pageInfo,
  pageSearch,
  QUEUE_PAGE_SIZE,
} from './queueFilters.ts'

describe('queue filters in the URL', () => {
  it('opens on the reports still owed an answer', () => {
    expect(filtersFromSearch('')).toEqual(defaultQueueFilters)
    expect(defaultQueueFilters.status).toBe('open')
    expect(hasActiveFilters(defaultQueueFilters)).toBe(false)
  })

  it('reads what the filter form submits (checkboxes send "true")', () => {
    const filters = filtersFromSearch(
      '?status=in_progress&categoryId=roads.pothole&wardCode=26740&overdue=true&escalated=true&offset=50',
    )
    expect(filters).toEqual({
      status: 'in_progress',
      categoryId: 'roads.pothole',
      wardCode: '26740',
      agencyId: '',
      overdue: true,
      escalated: true,
      offset: 50,
    })
    expect(hasActiveFilters(filters)).toBe(true)
  })

  it('drops values the API would refuse instead of sending them', () => {
    const filters = filtersFromSearch('?status=lost&wardCode=2674&categoryId=a%20b&overdue=yes&offset=-5')
    expect(filters).toEqual(defaultQueueFilters)
    expect(filtersFromSearch('?offset=12.5').offset).toBe(0)
    expect(filtersFromSearch('?offset=999999').offset).toBe(0)
  })

  it('builds page links that read back to the same filters', () => {
    const filters = filtersFromSearch('?status=all&wardCode=26740&overdue=true')
    const next = pageSearch(filters, QUEUE_PAGE_SIZE)
    expect(next).toBe('?status=all&wardCode=26740&overdue=true&offset=50')
    expect(filtersFromSearch(next)).toEqual({ ...filters, offset: QUEUE_PAGE_SIZE })
    expect(pageSearch(defaultQueueFilters, 0)).toBe('')
  })

  it('asks the API for "open" by name, for "all" by leaving the status out, and pages only the list', () => {
    expect(apiQuery(defaultQueueFilters, { paged: true })).toBe(`?status=open&limit=${QUEUE_PAGE_SIZE}`)
    const all = filtersFromSearch('?status=all&categoryId=drainage.flooding&escalated=true&offset=100')
    expect(apiQuery(all, { paged: true })).toBe(
      `?categoryId=drainage.flooding&escalated=true&limit=${QUEUE_PAGE_SIZE}&offset=100`,
    )
    expect(apiQuery(all, { paged: false })).toBe('?categoryId=drainage.flooding&escalated=true')
  })
})

describe('pageInfo', () => {
  it('numbers the first page of several', () => {
    expect(pageInfo(120, 0, 50)).toEqual({
      from: 1,
      to: 50,
      page: 1,
      pages: 3,
      previousOffset: null,
      nextOffset: 50,
    })
  })

  it('has no next page after the last report', () => {
    expect(pageInfo(120, 100, 20)).toMatchObject({
      from: 101,
      to: 120,
      page: 3,
      previousOffset: 50,
      nextOffset: null,
    })
  })

  it('still leads back from a page past the end (reports reassigned away meanwhile)', () => {
    expect(pageInfo(40, 50, 0)).toMatchObject({
      from: 0,
      to: 50,
      previousOffset: 0,
      nextOffset: null,
      pages: 1,
    })
  })

  it('has one page for an empty queue', () => {
    expect(pageInfo(0, 0, 0)).toMatchObject({
      from: 0,
      to: 0,
      page: 1,
      pages: 1,
      previousOffset: null,
      nextOffset: null,
    })
  })
})
