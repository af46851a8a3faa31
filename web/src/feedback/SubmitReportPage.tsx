import { useTranslation } from 'react-i18next'
import { fetchCategories } from '../api/feedback.ts'
import { useApiResource } from '../api/useApiResource.ts'
import { FailureNotice } from '../shell/FailureNotice.tsx'
import { LoadingNotice } from '../shell/LoadingNotice.tsx'
import { ResourceView } from '../shell/ResourceView.tsx'
import { FeedbackShell } from './FeedbackShell.tsx'
import { feedbackPaths } from './paths.ts'
import { ReportForm } from './ReportForm.tsx'
import { SignInPrompt } from './SignInPrompt.tsx'
import { useResident } from './useResident.ts'

/** `/phan-anh/gui`: the report form for a signed-in resident; anyone else is asked to sign in first. */
export function SubmitReportPage() {
  const { t } = useTranslation()
  const resident = useResident()
  return (
    <FeedbackShell documentTitle={t('feedback.form.documentTitle')} current="submit">
      <section className="welcome" aria-labelledby="submit-heading">
        <h1 id="submit-heading">{t('feedback.form.heading')}</h1>
        <p className="lead">{t('feedback.form.intro')}</p>
      </section>
      {resident.status === 'loading' ? <LoadingNotice /> : null}
      {resident.status === 'failed' ? (
        <FailureNotice failure={resident.failure} onRetry={resident.reload} />
      ) : null}
      {resident.status === 'visitor' ? (
        <SignInPrompt reason={t('feedback.signIn.toSubmit')} returnTo={feedbackPaths.submit} />
      ) : null}
      {resident.status === 'resident' ? <CategoriesThenForm /> : null}
    </FeedbackShell>
  )
}

function CategoriesThenForm() {
  const categories = useApiResource(fetchCategories)
  return (
    <ResourceView resource={categories}>{(data) => <ReportForm categories={data.categories} />}</ResourceView>
  )
}
