import type { Scenario } from '../lib/types.ts'
import { dbInsertBaseline } from './db-insert-baseline.ts'
import { dbReadBaseline } from './db-read-baseline.ts'
import { feedbackScenarios } from './feedback.ts'
import { geoLocateHttp, geoLocateInprocess } from './geo-locate.ts'
import { httpBaseline } from './http-baseline.ts'
import { ogcItemsBbox } from './ogc-items-bbox.ts'
import { tileScenarios } from './tiles.ts'

// Every scenario, in run order: baselines first, so the scenarios compared with them reuse the
// measurement instead of taking a second one. Adding a scenario = one file + one line here.
export const scenarios: Scenario[] = [
  httpBaseline,
  dbReadBaseline,
  dbInsertBaseline,
  geoLocateInprocess,
  geoLocateHttp,
  ogcItemsBbox,
  ...tileScenarios,
  ...feedbackScenarios,
]
