import { useTranslation } from 'react-i18next'
import { fetchCategories } from '../api/feedback.ts'
import { useApiResource } from '../api/useApiResource.ts'
import { ResourceView } from '../shell/ResourceView.tsx'
import { ReportForm } from './ReportForm.tsx'
import { ResidentOnlyPage } from './ResidentOnlyPage.tsx'

/** `/phan-anh/gui`: the report form for a signed-in resident; anyone else is asked to sign in first. */
export function SubmitReportPage() {
  const { t } = useTranslation()
  return (
    <ResidentOnlyPage
      page="submit"
      documentTitle={t('feedback.form.documentTitle')}
      heading={t('feedback.form.heading')}
      intro={t('feedback.form.intro')}
      signInReason={t('feedback.signIn.toSubmit')}
    >
      <CategoriesThenForm />
    </ResidentOnlyPage>
  )
}

function CategoriesThenForm() {
  const categories = useApiResource(fetchCategories)
  return (
    <ResourceView resource={categories}>{(data) => <ReportForm categories={data.categories} />}</ResourceView>
  )
}
