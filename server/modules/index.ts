import type { JobDefinition } from '../core/jobs/definition.ts'
import type { SeedDefinition } from '../core/seed.ts'
import { cameraSeed, floodPointSeed } from './geo/layer.seed.ts'
import { wardSeed } from './geo/ward.seed.ts'

/**
 * What each module contributes to a running platform. New modules add their seeds, jobs and
 * (in app.ts) routes here; nothing else needs to know about them.
 */
export const SEEDS: readonly SeedDefinition[] = [wardSeed, cameraSeed, floodPointSeed]

export const JOBS: readonly JobDefinition[] = []
