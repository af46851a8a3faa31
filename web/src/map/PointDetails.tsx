import { type ReactNode, useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { fetchWard } from '../api/geo.ts'
import { useApiResource } from '../api/useApiResource.ts'
import { formatDate } from '../i18n/format.ts'
import { useLanguage } from '../i18n/useLanguage.ts'
import { DetailList, propertyText } from './DetailList.tsx'

export interface PointDetailsProps {
  layerId: string
  /** The layer's title in the current language (from the layer registry). */
  layerTitle: string
  properties: Record<string, unknown>
  onChooseWard: (code: string) => void
}

/** A camera, flood point or facility: its name, what it is, and its properties in words. */
export function PointDetails({ layerId, layerTitle, properties, onChooseWard }: PointDetailsProps) {
  const text = (name: string) => propertyText(properties, name)
  const wardCode = text('wardCode')
  const ward = wardCode ? <WardName code={wardCode} onChoose={onChooseWard} /> : undefined
  return (
    <article className="feature-details">
      <p className="feature-details__layer">{layerTitle}</p>
      <h3>{text('displayName') ?? text('place') ?? text('name') ?? text('code') ?? layerTitle}</h3>
      <PointFacts layerId={layerId} properties={properties} ward={ward} />
    </article>
  )
}

function PointFacts({
  layerId,
  properties,
  ward,
}: {
  layerId: string
  properties: Record<string, unknown>
  ward: ReactNode
}) {
  const { t } = useTranslation()
  const language = useLanguage()
  const text = (name: string) => propertyText(properties, name)
  const wardRow: [string, ReactNode] = [t('map.details.ward'), ward]
  switch (layerId) {
    case 'traffic-cameras': {
      const angle = text('angle')
      return (
        <DetailList
          rows={[
            [t('map.details.camera.code'), text('code')],
            [t('map.details.camera.camType'), text('camType')],
            wardRow,
            [t('map.details.camera.oldDistrict'), text('oldDistrict')],
            [t('map.details.camera.managementUnit'), text('managementUnit')],
            [
              t('map.details.camera.angle'),
              angle ? t('map.details.camera.angleValue', { value: angle }) : undefined,
            ],
          ]}
        />
      )
    }
    case 'flood-points': {
      const cause = text('cause')
      const date = text('reportedDate')
      return (
        <DetailList
          rows={[
            [
              t('map.details.flood.cause'),
              cause === 'rain' || cause === 'tide' ? t(`map.details.flood.causes.${cause}`) : cause,
            ],
            wardRow,
            [t('map.details.flood.no'), text('no')],
            [t('map.details.flood.reportedDate'), date ? formatDate(date, language) : undefined],
            [t('map.details.flood.locatedBy'), text('locatedBy')],
            [t('map.details.flood.source'), text('source')],
          ]}
        />
      )
    }
    case 'facilities': {
      const kind = text('kind')
      const phone = text('phone')
      const website = text('website')
      return (
        <DetailList
          rows={[
            [
              t('map.details.facility.kind'),
              kind && isFacilityKind(kind) ? t(`map.details.facility.kinds.${kind}`) : kind,
            ],
            [t('map.details.facility.address'), text('address')],
            wardRow,
            [
              t('map.details.facility.phone'),
              phone ? (
                <a key="phone" href={`tel:${phone.replace(/\s+/g, '')}`}>
                  {phone}
                </a>
              ) : undefined,
            ],
            [
              t('map.details.facility.website'),
              website && /^https?:\/\//.test(website) ? (
                <a key="website" href={website}>
                  {website}
                </a>
              ) : (
                website
              ),
            ],
          ]}
        />
      )
    }
    default:
      return <DetailList rows={Object.keys(properties).map((name) => [name, text(name)])} />
  }
}

const facilityKinds = [
  'hospital',
  'clinic',
  'school',
  'ward_office',
  'police',
  'market',
  'park',
  'other',
] as const
function isFacilityKind(kind: string): kind is (typeof facilityKinds)[number] {
  return (facilityKinds as readonly string[]).includes(kind)
}

/** The ward a point lies in, by name, as a button that shows that ward. */
function WardName({ code, onChoose }: { code: string; onChoose: (code: string) => void }) {
  const language = useLanguage()
  const load = useCallback((signal: AbortSignal) => fetchWard(code, signal), [code])
  const { state } = useApiResource(load)
  const name =
    state.status === 'loaded' ? (language === 'en' ? state.data.fullNameEn : state.data.fullName) : code
  return (
    <button type="button" className="link-button" onClick={() => onChoose(code)}>
      {name}
    </button>
  )
}
