import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig, parseRoles } from './config.ts'

describe('configuration', () => {
  it('defaults to the embedded engine, all roles, Vietnamese-city defaults', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', databaseUrl: undefined, seed: true })
    expect(config.roles).toEqual(['api', 'worker', 'ingest'])
    expect(config.embeddedDbDir).toMatch(/var\/pglite$/)
  })

  it('reads roles as a list', () => {
    expect(parseRoles('api')).toEqual(['api'])
    expect(parseRoles('worker, ingest')).toEqual(['worker', 'ingest'])
    expect(parseRoles('api,all')).toEqual(['api', 'worker', 'ingest'])
  })

  it('names the variable and the allowed values when a value is wrong', () => {
    expect(() => parseRoles('web')).toThrow(/ROLE must be all or .*api, worker, ingest.*"web"/)
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError)
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT must be a whole number from 0 to 65535/)
    expect(() => loadConfig({ SEED: 'maybe' })).toThrow(/SEED must be true or false/)
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL must be one of/)
  })

  it('treats an empty DATABASE_URL as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined()
  })
})
