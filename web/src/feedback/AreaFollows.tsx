import type { AreaFollow, AreaFollowBody, WardList, WardSummary } from '@dc/contracts'
import type { TFunction } from 'i18next'
import { type FormEvent, type ReactNode, useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RequestFailure } from '../api/errors.ts'
import { addAreaFollow, fetchAreaFollows, fetchWards, removeAreaFollow } from '../api/feedback.ts'
import { locateWard } from '../api/geo.ts'
import { type ResourceState, useApiResource } from '../api/useApiResource.ts'
import { ProblemAlert } from '../auth/ProblemAlert.tsx'
import { TextField } from '../auth/TextField.tsx'
import { formatNumber } from '../i18n/format.ts'
import type { Language } from '../i18n/languages.ts'
import { useLanguage } from '../i18n/useLanguage.ts'
import { FailureNotice } from '../shell/FailureNotice.tsx'
import { LoadingNotice } from '../shell/LoadingNotice.tsx'
import { ResourceView } from '../shell/ResourceView.tsx'
import { defaultRadius, followsWard, formatDistance, matchingWards, radiusChoices } from './areaFollows.ts'
import { failureOf } from './failure.ts'
import { useDevicePosition } from './useDevicePosition.ts'
import './area-follows.css'

type Wards = { state: ResourceState<WardList>; reload: () => void }
/** Which part of the section a failed request came from: its alert is shown there. */
type FailedPart = 'list' | 'ward' | 'near'
/** Adds a follow; true when it worked (the form then clears itself). */
type Add = (body: AreaFollowBody, part: Exclude<FailedPart, 'list'>) => Promise<boolean>

/**
 * "Khu vực theo dõi" on the resident's page: the wards and circles they follow to hear of every new
 * public report there (an inbox message each), with ways to add a ward or the area around them.
 */
export function AreaFollows() {
  const { t } = useTranslation()
  const follows = useApiResource(fetchAreaFollows)
  const wards = useApiResource(fetchWards)
  return (
    <section className="card area-follows" aria-labelledby="areas-heading">
      <h2 id="areas-heading" tabIndex={-1}>
        {t('feedback.areas.heading')}
      </h2>
      <p>{t('feedback.areas.intro')}</p>
      <ResourceView resource={follows}>
        {(data) => <AreaFollowEditor initial={data.follows} wards={wards} />}
      </ResourceView>
    </section>
  )
}

function AreaFollowEditor({ initial, wards }: { initial: AreaFollow[]; wards: Wards }) {
  const { t } = useTranslation()
  const language = useLanguage()
  const [follows, setFollows] = useState(initial)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<{ part: FailedPart; failure: RequestFailure } | null>(null)
  const [message, setMessage] = useState('')
  const wardAt = useWardsOfCircles(follows)
  const wardsByCode = new Map(
    wards.state.status === 'loaded' ? wards.state.data.wards.map((ward) => [ward.code, ward]) : [],
  )
  const nameOf = (follow: AreaFollow) => areaName(follow, { t, language, wardsByCode, wardAt })

  const add: Add = async (body, part) => {
    setBusy(true)
    setFailure(null)
    setMessage('')
    try {
      const follow = await addAreaFollow(body)
      setFollows((current) => [...current, follow])
      setMessage(t('feedback.areas.added', { area: nameOf(follow) }))
      return true
    } catch (error) {
      setFailure({ part, failure: failureOf(error) })
      return false
    } finally {
      setBusy(false)
    }
  }

  const remove = async (follow: AreaFollow) => {
    setBusy(true)
    setFailure(null)
    setMessage('')
    try {
      await removeAreaFollow(follow.id)
      setFollows((current) => current.filter((other) => other.id !== follow.id))
      setMessage(t('feedback.areas.removed', { area: nameOf(follow) }))
      // The pressed button is gone: the focus goes back to the section, not to the page's top.
      document.getElementById('areas-heading')?.focus()
    } catch (error) {
      setFailure({ part: 'list', failure: failureOf(error) })
    } finally {
      setBusy(false)
    }
  }

  const alertFor = (part: FailedPart, heading: string) =>
    failure?.part === part ? <ProblemAlert failure={failure.failure} heading={heading} /> : null

  return (
    <>
      <p role="status" className="notice--ok-text">
        {message}
      </p>
      {alertFor('list', t('feedback.areas.failedRemove'))}
      {follows.length === 0 ? (
        <p>{t('feedback.areas.none')}</p>
      ) : (
        <ul className="area-follows__list" aria-label={t('feedback.areas.listLabel')}>
          {follows.map((follow) => (
            <li key={follow.id} className="area-follows__item">
              <span id={`area-${follow.id}`} className="area-follows__name">
                {nameOf(follow)}
              </span>
              <button
                type="button"
                className="button button--secondary button--small"
                disabled={busy}
                aria-describedby={`area-${follow.id}`}
                onClick={() => void remove(follow)}
              >
                {t('feedback.areas.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <WardFollowForm
        wards={wards}
        follows={follows}
        busy={busy}
        add={add}
        alert={alertFor('ward', t('feedback.areas.failedAdd'))}
      />
      <NearFollowForm busy={busy} add={add} alert={alertFor('near', t('feedback.areas.failedAdd'))} />
    </>
  )
}

/** The ward each unlabelled circle's centre is in, to name the circle ("… quanh một điểm ở Phường X"). */
function useWardsOfCircles(follows: readonly AreaFollow[]): ReadonlyMap<string, WardSummary> {
  const [found, setFound] = useState<ReadonlyMap<string, WardSummary>>(new Map())
  const asked = useRef(new Set<string>())
  useEffect(() => {
    for (const follow of follows) {
      if (!follow.center || follow.label || asked.current.has(follow.id)) continue
      asked.current.add(follow.id)
      // Without the ward the circle is still named (a "chosen point"), so a failure is left unsaid.
      locateWard(follow.center.lon, follow.center.lat).then(
        (located) => setFound((current) => new Map(current).set(follow.id, located.ward)),
        () => {},
      )
    }
  }, [follows])
  return found
}

function areaName(
  follow: AreaFollow,
  context: {
    t: TFunction
    language: Language
    wardsByCode: ReadonlyMap<string, WardSummary>
    wardAt: ReadonlyMap<string, WardSummary>
  },
): string {
  const { t, language, wardsByCode, wardAt } = context
  const wardName = (ward: WardSummary | undefined) =>
    ward ? (language === 'en' ? ward.fullNameEn : ward.fullName) : undefined
  if (follow.wardCode) {
    return (
      wardName(wardsByCode.get(follow.wardCode)) ??
      follow.wardName ??
      t('feedback.areas.wardCode', { code: follow.wardCode })
    )
  }
  const distance = formatDistance(follow.radiusMeters ?? 0, language)
  if (follow.label) return t('feedback.areas.circleLabelled', { distance, label: follow.label })
  const ward = wardName(wardAt.get(follow.id))
  return ward
    ? t('feedback.areas.circleInWard', { distance, ward })
    : t('feedback.areas.circle', { distance })
}

const wardKinds = ['phuong', 'xa', 'dac_khu'] as const

/** A ward from the city's 168: a search box narrows a plain <select>, grouped by kind. */
function WardFollowForm({
  wards,
  follows,
  busy,
  add,
  alert,
}: {
  wards: Wards
  follows: readonly AreaFollow[]
  busy: boolean
  add: Add
  alert: ReactNode
}) {
  const { t } = useTranslation()
  const language = useLanguage()
  const [query, setQuery] = useState('')
  const [chosen, setChosen] = useState('')
  const [error, setError] = useState<string | undefined>()
  const selectRef = useRef<HTMLSelectElement>(null)
  const all = wards.state.status === 'loaded' ? wards.state.data.wards : []
  const matches = matchingWards(all, query)
  const chosenWard = all.find((ward) => ward.code === chosen)
  // The chosen ward stays in the list while the resident searches for something else.
  const choices = chosenWard && !matches.includes(chosenWard) ? [chosenWard, ...matches] : matches
  const collator = new Intl.Collator(language === 'en' ? 'en' : 'vi')
  const nameOf = (ward: WardSummary) => (language === 'en' ? ward.fullNameEn : ward.fullName)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const problem = !chosenWard
      ? t('feedback.areas.ward.missing')
      : followsWard(follows, chosenWard.code)
        ? t('feedback.areas.ward.already', { ward: nameOf(chosenWard) })
        : undefined
    setError(problem)
    if (problem || !chosenWard) {
      selectRef.current?.focus()
      return
    }
    if (await add({ wardCode: chosenWard.code }, 'ward')) {
      setChosen('')
      setQuery('')
    }
  }

  return (
    <form
      className="action-form area-follows__form"
      aria-labelledby="area-ward-heading"
      noValidate
      onSubmit={(event) => void submit(event)}
    >
      <h3 id="area-ward-heading">{t('feedback.areas.ward.heading')}</h3>
      {alert}
      {wards.state.status === 'loading' ? <LoadingNotice /> : null}
      {wards.state.status === 'failed' ? (
        <FailureNotice failure={wards.state.failure} onRetry={wards.reload} />
      ) : null}
      {wards.state.status === 'loaded' ? (
        <>
          <div className="field">
            <label htmlFor="area-ward-search">{t('feedback.areas.ward.search')}</label>
            <p id="area-ward-search-hint" className="field__hint">
              {t('feedback.areas.ward.searchHint')}
            </p>
            <input
              id="area-ward-search"
              type="search"
              autoComplete="off"
              spellCheck={false}
              aria-describedby="area-ward-search-hint area-ward-matches"
              value={query}
              onChange={(event) => setQuery(event.target.value)}
            />
            <p id="area-ward-matches" className="field__hint" role="status">
              {query.trim()
                ? matches.length
                  ? t('feedback.areas.ward.matches', { total: formatNumber(matches.length, language) })
                  : t('feedback.areas.ward.noMatch')
                : ''}
            </p>
          </div>
          <div className={error ? 'field field--error' : 'field'}>
            <label htmlFor="area-ward">{t('feedback.areas.ward.select')}</label>
            {error ? (
              <p id="area-ward-error" className="field__error">
                {error}
              </p>
            ) : null}
            <select
              id="area-ward"
              ref={selectRef}
              value={chosen}
              aria-describedby={error ? 'area-ward-error' : undefined}
              aria-invalid={error ? true : undefined}
              onChange={(event) => {
                setChosen(event.target.value)
                setError(undefined)
              }}
            >
              <option value="">{t('feedback.areas.ward.choose')}</option>
              {wardKinds.map((kind) => {
                const ofKind = choices
                  .filter((ward) => ward.kind === kind)
                  .sort((a, b) => collator.compare(a.name, b.name))
                if (ofKind.length === 0) return null
                return (
                  <optgroup key={kind} label={t(`feedback.areas.ward.kinds.${kind}`)}>
                    {ofKind.map((ward) => (
                      <option key={ward.code} value={ward.code}>
                        {nameOf(ward)}
                      </option>
                    ))}
                  </optgroup>
                )
              })}
            </select>
          </div>
          <button type="submit" className="button" disabled={busy}>
            {t('feedback.areas.ward.submit')}
          </button>
        </>
      ) : null}
    </form>
  )
}

/** A circle around where the resident stands: the radius, an optional name, then the device's position. */
function NearFollowForm({ busy, add, alert }: { busy: boolean; add: Add; alert: ReactNode }) {
  const { t } = useTranslation()
  const language = useLanguage()
  const [radius, setRadius] = useState<number>(defaultRadius)
  const [label, setLabel] = useState('')
  const onFound = useCallback(
    async (center: { lon: number; lat: number }) => {
      const name = label.trim()
      const body: AreaFollowBody = name
        ? { center, radiusMeters: radius, label: name }
        : { center, radiusMeters: radius }
      if (await add(body, 'near')) setLabel('')
    },
    [add, label, radius],
  )
  const position = useDevicePosition(onFound)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    position.locate()
  }
  return (
    <form
      className="action-form area-follows__form"
      aria-labelledby="area-near-heading"
      aria-describedby="area-near-hint"
      noValidate
      onSubmit={submit}
    >
      <h3 id="area-near-heading">{t('feedback.areas.near.heading')}</h3>
      <p id="area-near-hint" className="field__hint">
        {t('feedback.areas.near.hint')}
      </p>
      {alert}
      <fieldset className="field choice-group">
        <legend>{t('feedback.areas.near.radius')}</legend>
        <div className="area-follows__radii">
          {radiusChoices.map((meters) => (
            <div className="checkbox" key={meters}>
              <input
                id={`area-radius-${meters}`}
                type="radio"
                name="area-radius"
                value={meters}
                checked={radius === meters}
                onChange={() => setRadius(meters)}
              />
              <label htmlFor={`area-radius-${meters}`}>{formatDistance(meters, language)}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <TextField
        id="area-near-label"
        label={t('feedback.areas.near.label')}
        hint={t('feedback.areas.near.labelHint')}
        value={label}
        maxLength={100}
        autoComplete="off"
        onChange={(event) => setLabel(event.target.value)}
      />
      {position.problem ? (
        <p className="notice notice--error" role="alert">
          {t(`feedback.areas.near.position.${position.problem}`)}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={busy || position.busy} aria-busy={position.busy}>
        {position.busy ? t('feedback.areas.near.locating') : t('feedback.areas.near.submit')}
      </button>
    </form>
  )
}
