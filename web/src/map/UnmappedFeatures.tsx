import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { fetchUnmappedFeatures, type OgcFeature } from '../api/geo.ts'
import { useApiResource } from '../api/useApiResource.ts'
import { formatNumber } from '../i18n/format.ts'
import { useLanguage } from '../i18n/useLanguage.ts'
import { ResourceView } from '../shell/ResourceView.tsx'
import { propertyText } from './DetailList.tsx'

/**
 * Features of a layer that are known but have no location (e.g. flood points the published list
 * names but nobody could place): they cannot be drawn, so they are listed. Loaded when opened.
 */
export function UnmappedFeatures({ layerId }: { layerId: string }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  return (
    <details className="unmapped" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{t('map.unmapped.summary')}</summary>
      {open ? <UnmappedList layerId={layerId} /> : null}
    </details>
  )
}

function UnmappedList({ layerId }: { layerId: string }) {
  const { t } = useTranslation()
  const language = useLanguage()
  const load = useCallback((signal: AbortSignal) => fetchUnmappedFeatures(layerId, signal), [layerId])
  const features = useApiResource(load)
  return (
    <ResourceView resource={features}>
      {(list) =>
        list.length === 0 ? (
          <p>{t('map.unmapped.none')}</p>
        ) : (
          <>
            <p>
              {t('map.unmapped.intro')}{' '}
              {t('map.unmapped.count', { total: formatNumber(list.length, language) })}
            </p>
            <ol className="unmapped__list">
              {list.map((feature) => (
                <li key={String(feature.id)}>{describe(feature)}</li>
              ))}
            </ol>
          </>
        )
      }
    </ResourceView>
  )
}

function describe(feature: OgcFeature): string {
  const p = feature.properties
  return (
    propertyText(p, 'place') ??
    propertyText(p, 'name') ??
    propertyText(p, 'displayName') ??
    String(feature.id)
  )
}
