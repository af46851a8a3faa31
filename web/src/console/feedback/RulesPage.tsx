import type { AgencyItem, RoutingRule } from '@dc/contracts'
import { type FormEvent, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  createRoutingRule,
  deleteRoutingRule,
  fetchRoutingRules,
  updateRoutingRule,
} from '../../api/console-feedback.ts'
import { useApiResource } from '../../api/useApiResource.ts'
import { SelectField, TextAreaField } from '../../auth/TextField.tsx'
import type { Language } from '../../i18n/languages.ts'
import { useLanguage } from '../../i18n/useLanguage.ts'
import { ResourceView } from '../../shell/ResourceView.tsx'
import { useOfficial } from '../officialSession.tsx'
import { AgencyPicker } from './AgencyPicker.tsx'
import { CategoryOptions } from './CategoryOptions.tsx'
import { ConfirmDelete } from './ConfirmDelete.tsx'
import { DoneNotice, useDone } from './DoneNotice.tsx'
import { FeedbackPage } from './FeedbackPage.tsx'
import { type FieldError, FormAlerts, useFormErrors } from './FormAlerts.tsx'
import { type Lookups, loadLookups } from './lookups.ts'
import { formatShortDateTime } from './reportFacts.ts'
import { useSubmission } from './useSubmission.ts'
import { WardOptions, wardName } from './WardOptions.tsx'

/** The names a rule is shown with: its category and its ward (or "every ward"), in the page's language. */
function ruleNames(rule: RoutingRule, lookups: Lookups, language: Language, everyWard: string) {
  const category = lookups.categories.find((c) => c.id === rule.categoryId)
  const ward = rule.wardCode ? lookups.wards.find((w) => w.code === rule.wardCode) : undefined
  return {
    category: category?.name[language] ?? rule.categoryId,
    ward: rule.wardCode ? (ward ? wardName(ward, language) : rule.wardCode) : everyWard,
  }
}

/**
 * `/console/phan-anh/quy-tac`: which agency gets a report of a category in a ward. Everyone in the
 * console may read the rules; system administrators add, change and delete them.
 */
export function RulesPage() {
  const { t } = useTranslation()
  const official = useOfficial()
  const canEdit = official?.roles.includes('system_admin') ?? false
  const lookups = useApiResource(loadLookups)
  const rules = useApiResource(fetchRoutingRules)
  const [editing, setEditing] = useState<RoutingRule | null>(null)
  const [done, announce] = useDone()
  const saved = (message: string) => {
    setEditing(null)
    announce(message)
    rules.reload()
  }

  return (
    <FeedbackPage documentTitle={t('consoleFeedback.rules.documentTitle')} current="rules">
      <section className="welcome" aria-labelledby="cf-rules-heading">
        <h1 id="cf-rules-heading">{t('consoleFeedback.rules.heading')}</h1>
        <p className="lead">{t('consoleFeedback.rules.intro')}</p>
        {canEdit ? null : <p className="notice cf-read-only">{t('consoleFeedback.rules.readOnly')}</p>}
      </section>
      <DoneNotice done={done} />
      <ResourceView resource={lookups}>
        {(lookupData) => (
          <>
            <ResourceView resource={rules}>
              {(data) => (
                <RulesTable
                  rules={data.rules}
                  lookups={lookupData}
                  canEdit={canEdit}
                  onEdit={setEditing}
                  onDeleted={saved}
                />
              )}
            </ResourceView>
            {canEdit ? (
              <RuleForm
                key={editing?.id ?? 'new'}
                rule={editing}
                lookups={lookupData}
                onSaved={saved}
                onCancel={() => setEditing(null)}
              />
            ) : null}
          </>
        )}
      </ResourceView>
    </FeedbackPage>
  )
}

function RulesTable({
  rules,
  lookups,
  canEdit,
  onEdit,
  onDeleted,
}: {
  rules: RoutingRule[]
  lookups: Lookups
  canEdit: boolean
  onEdit: (rule: RoutingRule) => void
  onDeleted: (message: string) => void
}) {
  const { t } = useTranslation()
  const language = useLanguage()
  const [deleting, setDeleting] = useState<RoutingRule | null>(null)
  const everyWard = t('consoleFeedback.rules.everyWard')
  const collator = new Intl.Collator(language)
  const rows = rules
    .map((rule) => ({ rule, names: ruleNames(rule, lookups, language, everyWard) }))
    .sort(
      (a, b) =>
        collator.compare(a.names.category, b.names.category) ||
        Number(a.rule.wardCode !== null) - Number(b.rule.wardCode !== null) ||
        collator.compare(a.names.ward, b.names.ward),
    )

  if (!rows.length) return <p>{t('consoleFeedback.rules.none')}</p>
  return (
    <>
      {deleting ? (
        // Keyed: choosing another rule's "Delete" asks again, with the focus on the new question.
        <ConfirmDelete
          key={deleting.id}
          id="cf-rule-confirm"
          question={t(
            'consoleFeedback.rules.confirmDelete',
            ruleNames(deleting, lookups, language, everyWard),
          )}
          confirmLabel={t('consoleFeedback.rules.confirmDeleteButton')}
          cancelLabel={t('consoleFeedback.rules.cancel')}
          remove={() => deleteRoutingRule(deleting.id)}
          onDeleted={() => {
            setDeleting(null)
            onDeleted(t('consoleFeedback.rules.deleted'))
          }}
          onCancel={() => setDeleting(null)}
        />
      ) : null}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
      <section className="table-scroll" aria-label={t('consoleFeedback.rules.tableLabel')} tabIndex={0}>
        <table className="status-table admin-table">
          <thead>
            <tr>
              <th scope="col">{t('consoleFeedback.rules.category')}</th>
              <th scope="col">{t('consoleFeedback.rules.ward')}</th>
              <th scope="col">{t('consoleFeedback.rules.agency')}</th>
              <th scope="col">{t('consoleFeedback.rules.note')}</th>
              <th scope="col">{t('consoleFeedback.rules.updatedAt')}</th>
              {canEdit ? <th scope="col">{t('consoleFeedback.rules.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ rule, names }) => (
              <tr key={rule.id}>
                <th scope="row">{names.category}</th>
                <td>{names.ward}</td>
                <td>{rule.agency.name}</td>
                <td>{rule.note ?? ''}</td>
                <td>{formatShortDateTime(rule.updatedAt, language)}</td>
                {canEdit ? (
                  <td>
                    <div className="button-row button-row--tight">
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        aria-label={t('consoleFeedback.rules.editLabel', names)}
                        onClick={() => onEdit(rule)}
                      >
                        {t('consoleFeedback.rules.edit')}
                      </button>
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        aria-label={t('consoleFeedback.rules.deleteLabel', names)}
                        onClick={() => setDeleting(rule)}
                      >
                        {t('consoleFeedback.rules.delete')}
                      </button>
                    </div>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  )
}

function RuleForm({
  rule,
  lookups,
  onSaved,
  onCancel,
}: {
  rule: RoutingRule | null
  lookups: Lookups
  onSaved: (message: string) => void
  onCancel: () => void
}) {
  const { t } = useTranslation()
  const [categoryId, setCategoryId] = useState(rule?.categoryId ?? '')
  const [wardCode, setWardCode] = useState(rule?.wardCode ?? '')
  const [agency, setAgency] = useState<AgencyItem | null>(null)
  const [note, setNote] = useState(rule?.note ?? '')
  const { errors, setErrors, errorFor } = useFormErrors()
  const submission = useSubmission()
  const heading = useRef<HTMLHeadingElement>(null)
  // Choosing "Edit" in the table brings the keyboard here (the form is keyed by the rule).
  useEffect(() => {
    if (rule) heading.current?.focus()
  }, [rule])

  async function submit(event: FormEvent) {
    event.preventDefault()
    const found: FieldError[] = []
    if (!categoryId)
      found.push({ fieldId: 'cf-rule-category', message: t('consoleFeedback.rules.categoryMissing') })
    if (!agency) found.push({ fieldId: 'cf-rule-agency', message: t('consoleFeedback.rules.agencyMissing') })
    setErrors(found)
    if (found.length || !agency) return
    const body = {
      categoryId,
      wardCode: wardCode || null,
      agencyId: agency.id,
      ...(note.trim() ? { note: note.trim() } : {}),
    }
    const result = await submission.run(() =>
      rule ? updateRoutingRule(rule.id, body) : createRoutingRule(body),
    )
    if (result) onSaved(rule ? t('consoleFeedback.rules.saved') : t('consoleFeedback.rules.created'))
  }

  return (
    <section className="card cf-section" aria-labelledby="cf-rule-form-heading">
      <h2 id="cf-rule-form-heading" ref={heading} tabIndex={-1}>
        {rule ? t('consoleFeedback.rules.editHeading') : t('consoleFeedback.rules.addHeading')}
      </h2>
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <FormAlerts
          errors={errors}
          failure={submission.failure}
          fieldIds={{
            '/categoryId': 'cf-rule-category',
            '/wardCode': 'cf-rule-ward',
            '/agencyId': 'cf-rule-agency',
            '/note': 'cf-rule-note',
          }}
        />
        <SelectField
          id="cf-rule-category"
          label={t('consoleFeedback.rules.category')}
          error={errorFor('cf-rule-category')}
          value={categoryId}
          onChange={(event) => setCategoryId(event.target.value)}
        >
          <option value="">{t('consoleFeedback.rules.categoryPlaceholder')}</option>
          <CategoryOptions categories={lookups.categories} groupsSelectable />
        </SelectField>
        <SelectField
          id="cf-rule-ward"
          label={t('consoleFeedback.rules.ward')}
          value={wardCode}
          onChange={(event) => setWardCode(event.target.value)}
        >
          <option value="">{t('consoleFeedback.rules.everyWard')}</option>
          <WardOptions wards={lookups.wards} />
        </SelectField>
        <AgencyPicker
          id="cf-rule-agency"
          label={t('consoleFeedback.rules.agency')}
          value={agency}
          onChange={setAgency}
          initialId={rule?.agency.id}
          error={errorFor('cf-rule-agency')}
        />
        <TextAreaField
          id="cf-rule-note"
          label={t('consoleFeedback.rules.note')}
          hint={t('consoleFeedback.rules.noteHint')}
          rows={2}
          maxLength={500}
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
        <div className="button-row button-row--tight">
          <button type="submit" className="button" disabled={submission.busy}>
            {rule ? t('consoleFeedback.rules.save') : t('consoleFeedback.rules.add')}
          </button>
          {rule ? (
            <button type="button" className="button button--secondary" onClick={onCancel}>
              {t('consoleFeedback.rules.cancelEdit')}
            </button>
          ) : null}
        </div>
      </form>
    </section>
  )
}
