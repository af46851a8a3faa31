import type { Category, ResponseTemplate } from '@dc/contracts'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { createTemplate, deleteTemplate, fetchTemplates } from '../../api/console-feedback.ts'
import { fetchCategories } from '../../api/feedback.ts'
import { useApiResource } from '../../api/useApiResource.ts'
import { SelectField, TextAreaField, TextField } from '../../auth/TextField.tsx'
import { useLanguage } from '../../i18n/useLanguage.ts'
import { ResourceView } from '../../shell/ResourceView.tsx'
import { CategoryOptions } from './CategoryOptions.tsx'
import { ConfirmDelete } from './ConfirmDelete.tsx'
import { DoneNotice, useDone } from './DoneNotice.tsx'
import { FeedbackPage } from './FeedbackPage.tsx'
import { type FieldError, FormAlerts, useFormErrors } from './FormAlerts.tsx'
import { useSubmission } from './useSubmission.ts'

/** `/console/phan-anh/mau`: the agency's response templates, to read, add and delete. */
export function TemplatesPage() {
  const { t } = useTranslation()
  const categories = useApiResource(fetchCategories)
  const templates = useApiResource(fetchTemplates)
  const [done, announce] = useDone()
  const changed = (message: string) => {
    announce(message)
    templates.reload()
  }
  return (
    <FeedbackPage documentTitle={t('consoleFeedback.templates.documentTitle')} current="templates">
      <section className="welcome" aria-labelledby="cf-templates-heading">
        <h1 id="cf-templates-heading">{t('consoleFeedback.templates.heading')}</h1>
        <p className="lead">{t('consoleFeedback.templates.intro')}</p>
      </section>
      <DoneNotice done={done} />
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
            <ConfirmDelete
              id={`cf-template-confirm-${template.id}`}
              question={t('consoleFeedback.templates.confirmDelete', { title: template.title })}
              confirmLabel={t('consoleFeedback.templates.confirmDeleteButton')}
              cancelLabel={t('consoleFeedback.templates.cancel')}
              remove={() => deleteTemplate(template.id)}
              onDeleted={() => {
                setDeleting(null)
                onDeleted(t('consoleFeedback.templates.deleted', { title: template.title }))
              }}
              onCancel={() => setDeleting(null)}
            />
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
  const { errors, setErrors, errorFor } = useFormErrors()
  const submission = useSubmission()

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
        <FormAlerts
          errors={errors}
          failure={submission.failure}
          fieldIds={{
            '/title': 'cf-template-title',
            '/body': 'cf-template-body',
            '/categoryId': 'cf-template-category',
          }}
        />
        <SelectField
          id="cf-template-category"
          label={t('consoleFeedback.templates.category')}
          value={categoryId}
          onChange={(event) => setCategoryId(event.target.value)}
        >
          <option value="">{t('consoleFeedback.templates.everyCategory')}</option>
          <CategoryOptions categories={categories} groupsSelectable />
        </SelectField>
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
