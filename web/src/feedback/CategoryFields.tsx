import type { Category, CategoryQuestion } from '@dc/contracts'
import { useTranslation } from 'react-i18next'
import { describedBy, HintAndError, SelectField, TextAreaField, TextField } from '../auth/TextField.tsx'
import { formatNumber } from '../i18n/format.ts'
import { useLanguage } from '../i18n/useLanguage.ts'
import type { CategoryGroup } from './categories.ts'
import { answerFieldId, fieldIds } from './reportForm.ts'

export interface CategoryFieldsProps {
  groups: readonly CategoryGroup[]
  groupId: string
  categoryId: string
  answers: Record<string, string | string[]>
  errorFor: (fieldId: string) => string | undefined
  onGroup: (groupId: string) => void
  onCategory: (categoryId: string) => void
  onAnswer: (code: string, value: string | string[]) => void
}

/** Step 1: the field (group), then the exact kind of problem, then that kind's extra questions. */
export function CategoryFields(props: CategoryFieldsProps) {
  const { groups, groupId, categoryId, answers, errorFor } = props
  const { t } = useTranslation()
  const language = useLanguage()
  const group = groups.find((entry) => entry.group.id === groupId)
  const category = group?.leaves.find((leaf) => leaf.id === categoryId)
  return (
    <fieldset className="form-step">
      <legend>
        <span className="form-step__number">1</span> {t('feedback.form.categoryLegend')}
      </legend>
      <SelectField
        id={fieldIds.group}
        label={t('feedback.form.group')}
        value={groupId}
        error={errorFor(fieldIds.group)}
        onChange={(event) => props.onGroup(event.target.value)}
      >
        <option value="">{t('feedback.form.choose')}</option>
        {groups.map((entry) => (
          <option key={entry.group.id} value={entry.group.id}>
            {entry.group.name[language]}
          </option>
        ))}
      </SelectField>
      {group ? (
        <SelectField
          id={fieldIds.category}
          label={t('feedback.form.category')}
          hint={group.group.description[language] || undefined}
          value={categoryId}
          error={errorFor(fieldIds.category)}
          onChange={(event) => props.onCategory(event.target.value)}
        >
          <option value="">{t('feedback.form.choose')}</option>
          {group.leaves.map((leaf) => (
            <option key={leaf.id} value={leaf.id}>
              {leaf.name[language]}
            </option>
          ))}
        </SelectField>
      ) : null}
      {category ? <CategoryNote category={category} /> : null}
      {category?.questions.map((question) => (
        <QuestionField
          key={question.code}
          question={question}
          value={answers[question.code]}
          error={errorFor(answerFieldId(question.code))}
          onChange={(value) => props.onAnswer(question.code, value)}
        />
      ))}
    </fieldset>
  )
}

function CategoryNote({ category }: { category: Category }) {
  const { t } = useTranslation()
  const language = useLanguage()
  return (
    <p className="field__hint">
      {category.description[language] ? `${category.description[language]} ` : ''}
      {t('feedback.form.deadline', { days: formatNumber(category.deadlineWorkingDays, language) })}
    </p>
  )
}

/** One extra question, drawn by its datatype (Open311 attribute types). */
function QuestionField({
  question,
  value,
  error,
  onChange,
}: {
  question: CategoryQuestion
  value: string | string[] | undefined
  error: string | undefined
  onChange: (value: string | string[]) => void
}) {
  const { t } = useTranslation()
  const language = useLanguage()
  const id = answerFieldId(question.code)
  const label = question.required
    ? question.label[language]
    : `${question.label[language]} ${t('feedback.form.optional')}`
  // What every text-like answer field shares; the cases add their type and limits.
  const field = {
    id,
    label,
    error,
    value: typeof value === 'string' ? value : '',
    onChange: (event: { target: { value: string } }) => onChange(event.target.value),
  }
  switch (question.datatype) {
    case 'string':
      return <TextField {...field} maxLength={500} />
    case 'number':
      return <TextField {...field} type="number" inputMode="decimal" step="any" />
    case 'datetime':
      return <TextField {...field} hint={t('feedback.form.cityTime')} type="datetime-local" />
    case 'text':
      return <TextAreaField {...field} rows={3} maxLength={500} />
    case 'singlevaluelist':
    case 'multivaluelist': {
      const multiple = question.datatype === 'multivaluelist'
      const chosen = Array.isArray(value) ? value : value ? [value] : []
      const hint = multiple ? t('feedback.form.chooseAny') : undefined
      return (
        <fieldset
          id={id}
          className={error ? 'field choice-group field--error' : 'field choice-group'}
          aria-describedby={describedBy(id, hint, error)}
          tabIndex={-1}
        >
          <legend>{label}</legend>
          <HintAndError id={id} hint={hint} error={error} />
          {multiple || question.required ? null : (
            <div className="checkbox">
              <input
                id={`${id}-none`}
                type="radio"
                name={id}
                value=""
                checked={chosen.length === 0}
                onChange={() => onChange('')}
              />
              <label htmlFor={`${id}-none`}>{t('feedback.form.noAnswer')}</label>
            </div>
          )}
          {question.options.map((option) => {
            const optionId = `${id}-${option.key}`
            return (
              <div className="checkbox" key={option.key}>
                <input
                  id={optionId}
                  type={multiple ? 'checkbox' : 'radio'}
                  name={id}
                  value={option.key}
                  checked={chosen.includes(option.key)}
                  onChange={(event) => {
                    if (!multiple) onChange(option.key)
                    else
                      onChange(
                        event.target.checked
                          ? [...chosen, option.key]
                          : chosen.filter((key) => key !== option.key),
                      )
                  }}
                />
                <label htmlFor={optionId}>{option.name[language]}</label>
              </div>
            )
          })}
        </fieldset>
      )
    }
  }
}
