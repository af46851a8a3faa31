import { useState } from 'react'
import { failureOf } from '../../account/SessionsCard.tsx'
import type { RequestFailure } from '../../api/errors.ts'

/**
 * One write at a time from a form: `busy` while it runs (buttons disabled), the failure to show
 * (problem+json words it in both languages), nothing else to remember.
 */
export function useSubmission() {
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<RequestFailure | null>(null)

  async function run<T>(write: () => Promise<T>): Promise<T | undefined> {
    setBusy(true)
    setFailure(null)
    try {
      return await write()
    } catch (error) {
      setFailure(failureOf(error))
      return undefined
    } finally {
      setBusy(false)
    }
  }

  return { busy, failure, run, clearFailure: () => setFailure(null) }
}
