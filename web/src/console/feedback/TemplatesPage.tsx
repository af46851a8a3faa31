import type { Category, ResponseTemplate } from '@dc/contracts'
import { type FormEvent, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { createTemplate, deleteTemplate, fetchTemplates } from '../../api/console-feedback.ts'
import { fetchCategories } from '../../api/feedback.ts'
import { useApiResource } from '../../api/useApiResource.ts'
import { ErrorSummary, ProblemAlert } from '../../auth/ProblemAlert.tsx'
import { TextField } from '../../auth/TextField.tsx'
import { useLanguage } from '../../i18n/useLanguage.ts'
import { ResourceView } from '../../shell/ResourceView.tsx'
import { CategoryOptions } from './CategoryOptions.tsx'
import { DoneNotice } from './DoneNotice.tsx'
import { FeedbackPage } from './FeedbackPage.tsx'
import { TextAreaField } from './TextAreaField.tsx'
import { useSubmission } from './useSubmission.ts'

type FieldError = { fieldId: string; message: string }

/** `/console/phan-anh/mau`: the agency's response templates, to read, add and delete. */
export function TemplatesPage() {
  const { t } = useTranslation()
  const categories = useApiResource(fetchCategories)
  const templates = useApiResource(fetchTemplates)
  const [done, setDone] = useState({ message: '', stamp: 0 })
  const changed = (message: string) => {
    setDone((previous) => ({ message, stamp: previous.stamp + 1 }))
    templates.reload()
  }
  return (
    <FeedbackPage documentTitle={t('consoleFeedback.templates.documentTitle')} current="templates">
      <section className="welcome" aria-labelledby="cf-templates-heading">
        <h1 id="cf-templates-heading">{t('consoleFeedback.templates.heading')}</h1>
        <p className="lead">{t('consoleFeedback.templates.intro')}</p>
      </section>
      <DoneNotice message={done.message} stamp={done.stamp} />
      <ResourceView resource={categories}>
        {(categoryList) => (
          <>
            <ResourceView resource={templates}>
              {(data) => (
                <TemplateList
                  templates={data.templates}
                  categories={categoryList.categories}
                  onDeleted={changed}
                />
              )}
            </ResourceView>
            <TemplateForm categories={categoryList.categories} onCreated={changed} />
          </>
        )}
      </ResourceView>
    </FeedbackPage>
  )
}

function TemplateList({
  templates,
  categories,
  onDeleted,
}: {
  templates: ResponseTemplate[]
  categories: Category[]
  onDeleted: (message: string) => void
}) {
  const { t } = useTranslation()
  const language = useLanguage()
  const [deleting, setDeleting] = useState<ResponseTemplate | null>(null)
  const removal = useSubmission()
  const confirmHeading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if (deleting) confirmHeading.current?.focus()
  }, [deleting])
  if (!templates.length) return <p>{t('consoleFeedback.templates.none')}</p>
  const categoryName = (id: string | null) =>
    id
      ? (categories.find((category) => category.id === id)?.name[language] ?? id)
      : t('consoleFeedback.templates.everyCategory')
  const sorted = [...templates].sort((a, b) => a.title.localeCompare(b.title, language))
  return (
    <ul className="cf-templates" aria-label={t('consoleFeedback.templates.listLabel')}>
      {sorted.map((template) => (
        <li key={template.id} className="card cf-template">
          <h2 className="cf-template__title">{template.title}</h2>
          <p className="cf-template__category">
            {t('consoleFeedback.templates.category')}: {categoryName(template.categoryId)}
          </p>
          <p className="cf-text">{template.body}</p>
          {deleting?.id === template.id ? (
            <section className="confirm" aria-labelledby={`cf-template-confirm-${template.id}`}>
              <h3 id={`cf-template-confirm-${template.id}`} ref={confirmHeading} tabIndex={-1}>
                {t('consoleFeedback.templates.confirmDelete', { title: template.title })}
              </h3>
              {removal.failure ? <ProblemAlert failure={removal.failure} /> : null}
              <div className="button-row button-row--tight">
                <button
                  type="button"
                  className="button button--danger"
                  disabled={removal.busy}
                  onClick={() =>
                    void removal
                      .run(() => deleteTemplate(template.id).then(() => true))
                      .then((ok) => {
                        if (!ok) return
                        setDeleting(null)
                        onDeleted(t('consoleFeedback.templates.deleted', { title: template.title }))
                      })
                  }
                >
                  {t('consoleFeedback.templates.confirmDeleteButton')}
                </button>
                <button type="button" className="button button--secondary" onClick={() => setDeleting(null)}>
                  {t('consoleFeedback.templates.cancel')}
                </button>
              </div>
            </section>
          ) : (
            <button
              type="button"
              className="button button--secondary button--small"
              aria-label={t('consoleFeedback.templates.deleteLabel', { title: template.title })}
              onClick={() => setDeleting(template)}
            >
              {t('consoleFeedback.templates.delete')}
            </button>
          )}
        </li>
      ))}
    </ul>
  )
}

function TemplateForm({
  categories,
  onCreated,
}: {
  categories: Category[]
  onCreated: (message: string) => void
}) {
  const { t } = useTranslation()
  const [categoryId, setCategoryId] = useState('')
  const [title, setTitle] = useState('')
  const [body, setBody] = useState('')
  const [errors, setErrors] = useState<FieldError[]>([])
  const submission = useSubmission()
  const errorFor = (fieldId: string) => errors.find((error) => error.fieldId === fieldId)?.message

  async function submit(event: FormEvent) {
    event.preventDefault()
    const found: FieldError[] = []
    if (!title.trim())
      found.push({ fieldId: 'cf-template-title', message: t('consoleFeedback.templates.titleMissing') })
    if (body.trim().length < 5)
      found.push({ fieldId: 'cf-template-body', message: t('consoleFeedback.templates.bodyMissing') })
    setErrors(found)
    if (found.length) return
    const created = await submission.run(() =>
      createTemplate({ categoryId: categoryId || null, title: title.trim(), body: body.trim() }),
    )
    if (!created) return
    setCategoryId('')
    setTitle('')
    setBody('')
    onCreated(t('consoleFeedback.templates.created', { title: created.title }))
  }

  return (
    <section className="card cf-section" aria-labelledby="cf-template-form-heading">
      <h2 id="cf-template-form-heading">{t('consoleFeedback.templates.addHeading')}</h2>
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        {errors.length ? <ErrorSummary errors={errors} heading={t('consoleFeedback.errorSummary')} /> : null}
        {submission.failure ? (
          <ProblemAlert
            failure={submission.failure}
            fieldIds={{
              '/title': 'cf-template-title',
              '/body': 'cf-template-body',
              '/categoryId': 'cf-template-category',
            }}
          />
        ) : null}
        <div className="field">
          <label htmlFor="cf-template-category">{t('consoleFeedback.templates.category')}</label>
          <select
            id="cf-template-category"
            value={categoryId}
            onChange={(event) => setCategoryId(event.target.value)}
          >
            <option value="">{t('consoleFeedback.templates.everyCategory')}</option>
            <CategoryOptions categories={categories} groupsSelectable />
          </select>
        </div>
        <TextField
          id="cf-template-title"
          label={t('consoleFeedback.templates.title')}
          hint={t('consoleFeedback.templates.titleHint')}
          error={errorFor('cf-template-title')}
          maxLength={120}
          autoComplete="off"
          value={title}
          onChange={(event) => setTitle(event.target.value)}
        />
        <TextAreaField
          id="cf-template-body"
          label={t('consoleFeedback.templates.body')}
          hint={t('consoleFeedback.templates.bodyHint')}
          error={errorFor('cf-template-body')}
          rows={6}
          maxLength={4000}
          value={body}
          onChange={(event) => setBody(event.target.value)}
        />
        <button type="submit" className="button" disabled={submission.busy}>
          {t('consoleFeedback.templates.add')}
        </button>
      </form>
    </section>
  )
}
