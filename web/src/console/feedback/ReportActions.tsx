import type { Category, ConsoleReport, ResponseTemplate } from '@dc/contracts'
import { type ReactNode, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { actOnReport, fetchTemplates } from '../../api/console-feedback.ts'
import { useApiResource } from '../../api/useApiResource.ts'
import { ProblemAlert } from '../../auth/ProblemAlert.tsx'
import { CategoryForm, CoordinatorForm, ModerationForm, ReassignForm } from './ChangeForms.tsx'
import { MessageForm } from './MessageForm.tsx'
import { templatesFor } from './reportFacts.ts'
import { useSubmission } from './useSubmission.ts'

/** What a form reports when its write went through: the report as it now is, and what to say. */
export type OnChanged = (report: ConsoleReport, message: string) => void

/** Actions that open a form; "start" is a single button. In the order officials usually need them. */
const formActions = [
  'respond',
  'resolve',
  'reject',
  'reassign',
  'add_coordinator',
  'change_category',
  'moderate',
] as const
type FormAction = (typeof formActions)[number]

const noTemplates = (): Promise<{ templates: ResponseTemplate[] }> => Promise.resolve({ templates: [] })

/**
 * What the official may do with the report, exactly as the server lists it (`allowedActions`):
 * "Tiếp nhận xử lý" at once, the rest each behind its own button that opens its form.
 */
export function ReportActions({
  report,
  categories,
  onChanged,
}: {
  report: ConsoleReport
  categories: Category[]
  onChanged: OnChanged
}) {
  const { t } = useTranslation()
  const allowed = new Set(report.allowedActions)
  const [open, setOpen] = useState<ReadonlySet<FormAction>>(new Set())
  const start = useSubmission()
  const writesMessages = allowed.has('respond') || allowed.has('resolve') || allowed.has('reject')
  // Templates only help the message forms; a failure to load them leaves the forms without them.
  const templateList = useApiResource(writesMessages ? fetchTemplates : noTemplates)
  const templates =
    templateList.state.status === 'loaded'
      ? templatesFor(templateList.state.data.templates, report.category.id, categories)
      : []

  const changed: OnChanged = (updated, message) => {
    setOpen(new Set())
    onChanged(updated, message)
  }
  const toggle = (action: FormAction) =>
    setOpen((current) => {
      const next = new Set(current)
      if (next.has(action)) next.delete(action)
      else next.add(action)
      return next
    })

  const label: Record<FormAction, string> = {
    respond: t('consoleFeedback.actions.respond'),
    resolve: t('consoleFeedback.actions.resolve'),
    reject: t('consoleFeedback.actions.reject'),
    reassign: t('consoleFeedback.actions.reassign'),
    add_coordinator: t('consoleFeedback.actions.addCoordinator'),
    change_category: t('consoleFeedback.actions.changeCategory'),
    moderate: t('consoleFeedback.actions.moderate'),
  }
  const form: Record<FormAction, () => ReactNode> = {
    respond: () => <MessageForm kind="respond" report={report} templates={templates} onChanged={changed} />,
    resolve: () => (
      <MessageForm
        kind="resolve"
        report={report}
        templates={templates}
        requiresAfterPhoto={categories.find((c) => c.id === report.category.id)?.requiresAfterPhoto ?? false}
        onChanged={changed}
      />
    ),
    reject: () => <MessageForm kind="reject" report={report} templates={templates} onChanged={changed} />,
    reassign: () => <ReassignForm report={report} onChanged={changed} />,
    add_coordinator: () => <CoordinatorForm report={report} onChanged={changed} />,
    change_category: () => <CategoryForm report={report} categories={categories} onChanged={changed} />,
    moderate: () => <ModerationForm report={report} onChanged={changed} />,
  }
  const available = formActions.filter((action) => allowed.has(action))

  return (
    <section className="card cf-section cf-actions" aria-labelledby="cf-actions-heading">
      <h2 id="cf-actions-heading">{t('consoleFeedback.actions.heading')}</h2>
      {!allowed.has('start') && available.length === 0 ? <p>{t('consoleFeedback.actions.none')}</p> : null}
      {allowed.has('start') ? (
        <div className="cf-start">
          {start.failure ? (
            <ProblemAlert failure={start.failure} heading={t('consoleFeedback.actions.failed')} />
          ) : null}
          <p className="field__hint" id="cf-start-hint">
            {t('consoleFeedback.actions.startHint')}
          </p>
          <button
            type="button"
            className="button"
            aria-describedby="cf-start-hint"
            disabled={start.busy}
            onClick={() =>
              void start
                .run(() => actOnReport(report.id, { action: 'start' }))
                .then((updated) => {
                  if (updated) changed(updated, t('consoleFeedback.actions.started'))
                })
            }
          >
            {t('consoleFeedback.actions.start')}
          </button>
        </div>
      ) : null}
      {available.length ? (
        <ul className="cf-action-list">
          {available.map((action) => {
            const isOpen = open.has(action)
            const panelId = `cf-action-${action}`
            return (
              <li key={action} className="cf-disclosure">
                <h3 className="cf-disclosure__heading">
                  <button
                    type="button"
                    className="cf-disclosure__button"
                    aria-expanded={isOpen}
                    aria-controls={isOpen ? panelId : undefined}
                    onClick={() => toggle(action)}
                  >
                    {label[action]}
                  </button>
                </h3>
                {isOpen ? (
                  <div id={panelId} className="cf-panel">
                    {form[action]()}
                  </div>
                ) : null}
              </li>
            )
          })}
        </ul>
      ) : null}
    </section>
  )
}
