import { describe, expect, it } from 'vitest'
import { statementBatcher } from './batching.ts'

describe('statementBatcher', () => {
  it('sends the loads of one event-loop turn as one batch, and later loads as another', async () => {
    const batches: number[][] = []
    const double = statementBatcher<number, number>(async (keys) => {
      batches.push([...keys])
      return keys.map((key) => key * 2)
    })
    const first = await Promise.all([1, 2, 3].map((n) => double.load(n)))
    const second = await double.load(4)
    expect(first).toEqual([2, 4, 6])
    expect(second).toBe(8)
    expect(batches).toEqual([[1, 2, 3], [4]])
  })

  it('fails only the load whose answer is an Error', async () => {
    const checked = statementBatcher<number, number>(async (keys) =>
      keys.map((key) => (key < 0 ? new Error(`negative: ${key}`) : key)),
    )
    const results = await Promise.allSettled([1, -1, 2].map((n) => checked.load(n)))
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('negative: -1')
  })

  it('caches nothing: the same key loaded again is asked again', async () => {
    let asked = 0
    const counter = statementBatcher<string, number>(async (keys) => keys.map(() => ++asked))
    expect(await counter.load('a')).toBe(1)
    expect(await counter.load('a')).toBe(2)
  })

  it('splits a batch larger than its limit', async () => {
    const sizes: number[] = []
    const limited = statementBatcher<number, number>(async (keys) => {
      sizes.push(keys.length)
      return [...keys]
    }, 2)
    await Promise.all([1, 2, 3, 4, 5].map((n) => limited.load(n)))
    expect(sizes).toEqual([2, 2, 1])
  })
})
