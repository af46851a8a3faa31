import { useTranslation } from 'react-i18next'
import { signInPathFor } from './paths.ts'

/** For visitors on a page that needs a signed-in resident: why, and the way to sign in and come back. */
export function SignInPrompt({ reason, returnTo }: { reason: string; returnTo: string }) {
  const { t } = useTranslation()
  return (
    <section className="card sign-in-prompt" aria-labelledby="sign-in-prompt-heading">
      <h2 id="sign-in-prompt-heading">{t('feedback.signIn.heading')}</h2>
      <p>{reason}</p>
      <a className="button" href={signInPathFor(returnTo)}>
        {t('feedback.signIn.button')}
      </a>
    </section>
  )
}
