import { describe, expect, it, vi } from 'vitest'
import type { LayerState } from '../layer.repository.ts'
import { LayerVersions } from './layer-versions.ts'

const states = (version: number) =>
  new Map<string, LayerState>([
    ['wards', { id: 'wards', version, updatedAt: new Date(0), featureCount: 168 }],
  ])

describe('layer versions', () => {
  it('shares one read among concurrent requests and reuses it while it is fresh', async () => {
    let version = 1
    const read = vi.fn(async () => states(version))
    const versions = new LayerVersions(read, 60_000)
    const answers = await Promise.all([versions.current(), versions.current(), versions.current()])
    expect(read).toHaveBeenCalledTimes(1)
    expect(answers.map((a) => a.get('wards')?.version)).toEqual([1, 1, 1])
    version = 2
    expect((await versions.current()).get('wards')?.version).toBe(1)
    expect(read).toHaveBeenCalledTimes(1)
  })

  it('reads again once the last read is older than the allowed age', async () => {
    let version = 1
    const read = vi.fn(async () => states(version))
    const versions = new LayerVersions(read, 0)
    expect((await versions.current()).get('wards')?.version).toBe(1)
    version = 2
    expect((await versions.current()).get('wards')?.version).toBe(2)
    expect(read).toHaveBeenCalledTimes(2)
  })

  it('does not keep a failed read', async () => {
    const read = vi.fn().mockRejectedValueOnce(new Error('connection reset')).mockResolvedValue(states(3))
    const versions = new LayerVersions(read, 60_000)
    await expect(versions.current()).rejects.toThrow('connection reset')
    expect((await versions.current()).get('wards')?.version).toBe(3)
  })
})
