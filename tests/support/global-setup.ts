import type { TestProject } from 'vitest/node'
import { prepareEmbeddedTemplate, preparePostgresTemplate, removeWorkerDatabases } from './templates.ts'

/**
 * Runs once per test project, in the main process, before its workers start: prepares the template
 * database of the project's engine (the project's `env` applies to workers only, so read it here).
 * The returned teardown removes the workers' copies.
 */
export default async function setup(project: TestProject) {
  if (project.config.env?.TEST_ENGINE === 'postgresql') await preparePostgresTemplate()
  else await prepareEmbeddedTemplate()
  return removeWorkerDatabases
}
