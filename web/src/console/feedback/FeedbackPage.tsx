import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import '../../auth/identity.css'
import { AppShell } from '../../shell/AppShell.tsx'
import { ConsoleNav } from '../ConsoleNav.tsx'
import { OfficialHeaderAccount } from '../OfficialHeaderAccount.tsx'
import './console-feedback.css'
import { feedbackPaths } from './paths.ts'

type Section = keyof typeof feedbackPaths

/**
 * The frame of every feedback page: the console's header and links, then the three feedback
 * pages (queue, routing rules, templates) as a second row of links. `current` is null on a
 * report's own page, which belongs to the queue without being it.
 */
export function FeedbackPage({
  documentTitle,
  current,
  children,
}: {
  documentTitle: string
  current: Section | null
  children: ReactNode
}) {
  const { t } = useTranslation()
  const label: Record<Section, string> = {
    queue: t('consoleFeedback.navQueue'),
    rules: t('consoleFeedback.navRules'),
    templates: t('consoleFeedback.navTemplates'),
  }
  const sections: Section[] = ['queue', 'rules', 'templates']
  return (
    <AppShell
      documentTitle={documentTitle}
      homeHref="/console"
      subtitle={t('console.productSubtitle')}
      account={<OfficialHeaderAccount />}
      nav={<ConsoleNav current="feedback" />}
      footerLinks={
        <li>
          <a href="/">{t('console.residentLink')}</a>
        </li>
      }
    >
      <nav className="cf-subnav" aria-label={t('consoleFeedback.sectionNavLabel')}>
        <ul>
          {sections.map((section) => (
            <li key={section}>
              <a href={feedbackPaths[section]} aria-current={section === current ? 'page' : undefined}>
                {label[section]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {children}
    </AppShell>
  )
}
