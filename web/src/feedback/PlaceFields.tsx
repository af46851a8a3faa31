import type { TFunction } from 'i18next'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { TextField } from '../auth/TextField.tsx'
import { useLanguage } from '../i18n/useLanguage.ts'
import { candidateWards, useWardSearch } from '../map/useWardSearch.ts'
import { FailureNotice } from '../shell/FailureNotice.tsx'
import { LazyPinMap } from './LazyMaps.tsx'
import type { LngLat } from './PinMap.tsx'
import { fieldIds, type ReportDraft } from './reportForm.ts'
import { useDevicePosition } from './useDevicePosition.ts'

export interface PlaceFieldsProps {
  draft: ReportDraft
  errorFor: (fieldId: string) => string | undefined
  onPin: (point: LngLat | null) => void
  onAddress: (address: string) => void
  onWard: (ward: string) => void
}

/**
 * Step 2: where. A pin on the map (tap, the centre button, or "my location"); or, for anyone who
 * cannot or will not use the map, an address and the ward written the old or the new way.
 */
export function PlaceFields({ draft, errorFor, onPin, onAddress, onWard }: PlaceFieldsProps) {
  const { t } = useTranslation()
  const position = useDevicePosition(onPin)
  const pinError = errorFor(fieldIds.place)
  return (
    <fieldset className="form-step" aria-describedby="place-hint">
      <legend>
        <span className="form-step__number">2</span> {t('feedback.form.placeLegend')}
      </legend>
      <p id="place-hint" className="field__hint">
        {t('feedback.place.hint')}
      </p>
      <LazyPinMap label={t('feedback.place.mapLabel')} pin={draft.pin} onPick={onPin} />
      <div className="button-row button-row--tight">
        <button
          type="button"
          className="button button--secondary"
          onClick={position.locate}
          aria-busy={position.busy}
          disabled={position.busy}
        >
          {position.busy ? t('feedback.place.locating') : t('feedback.place.useMyLocation')}
        </button>
        {draft.pin ? (
          <button type="button" className="button button--secondary" onClick={() => onPin(null)}>
            {t('feedback.place.clearPin')}
          </button>
        ) : null}
      </div>
      {position.problem ? (
        <p className="notice notice--error" role="alert">
          {t(`feedback.place.position.${position.problem}`)}
        </p>
      ) : null}
      <p role="status" className={pinError ? 'field__error' : 'pin-status'}>
        {pinError ?? pinStatusText(draft, t)}
      </p>
      <TextField
        id={fieldIds.address}
        label={`${t('feedback.place.address')} ${t('feedback.form.optional')}`}
        hint={t('feedback.place.addressHint')}
        error={errorFor(fieldIds.address)}
        value={draft.address}
        maxLength={300}
        autoComplete="street-address"
        onChange={(event) => onAddress(event.target.value)}
      />
      {draft.pin ? null : <WardField error={errorFor(fieldIds.ward)} onWard={onWard} />}
    </fieldset>
  )
}

function pinStatusText(draft: ReportDraft, t: TFunction): string {
  if (!draft.pin) return t('feedback.place.noPin')
  switch (draft.pinWard.status) {
    case 'unknown':
      return t('feedback.place.pinnedLooking')
    case 'found':
      return t('feedback.place.pinnedIn', { ward: draft.pinWard.name })
    case 'outside':
      return t('feedback.place.pinOutside')
  }
}

/**
 * The ward as the resident writes it. "Tìm" asks the API which 2025 ward that is (old names
 * included); choosing one sends its code, otherwise the text goes as typed and the server resolves it.
 */
function WardField({ error, onWard }: { error: string | undefined; onWard: (ward: string) => void }) {
  const { t } = useTranslation()
  const language = useLanguage()
  const [text, setText] = useState('')
  const [chosen, setChosen] = useState('')
  const search = useWardSearch()
  const candidates = search.state.status === 'done' ? candidateWards(search.state.resolution) : []
  return (
    <div className="ward-field">
      <TextField
        id={fieldIds.ward}
        label={t('feedback.place.ward')}
        hint={t('feedback.place.wardHint')}
        error={error}
        value={text}
        maxLength={100}
        onChange={(event) => {
          setText(event.target.value)
          setChosen('')
          onWard(event.target.value)
        }}
        onKeyDown={(event) => {
          // Enter looks the ward up instead of sending the whole form.
          if (event.key === 'Enter') {
            event.preventDefault()
            void search.search(text)
          }
        }}
      />
      <button
        type="button"
        className="button button--secondary"
        onClick={() => void search.search(text)}
        disabled={!text.trim()}
        aria-busy={search.state.status === 'searching'}
      >
        {t('feedback.place.findWard')}
      </button>
      <div aria-live="polite">
        {search.state.status === 'searching' ? (
          <p className="notice notice--loading">{t('feedback.place.searching')}</p>
        ) : null}
        {search.state.status === 'failed' ? (
          <FailureNotice failure={search.state.failure} onRetry={() => void search.search(text)} />
        ) : null}
        {search.state.status === 'done' && candidates.length === 0 ? (
          <p>{t('feedback.place.wardNotFound', { query: search.state.query })}</p>
        ) : null}
      </div>
      {search.state.status === 'done' && candidates.length > 0 ? (
        <fieldset className="field choice-group">
          <legend>{t('feedback.place.chooseWard')}</legend>
          {search.state.resolution.former.map((former) => (
            <p key={former.code} className="field__hint">
              {t('feedback.place.formerNowIn', {
                name: former.name,
                province: former.oldProvinceName,
                wards: former.nowIn
                  .map((ward) => (language === 'en' ? ward.fullNameEn : ward.fullName))
                  .join(', '),
              })}
            </p>
          ))}
          {candidates.map((ward) => (
            <div className="checkbox" key={ward.code}>
              <input
                id={`ward-choice-${ward.code}`}
                type="radio"
                name="ward-choice"
                value={ward.code}
                checked={chosen === ward.code}
                onChange={() => {
                  setChosen(ward.code)
                  onWard(ward.code)
                }}
              />
              <label htmlFor={`ward-choice-${ward.code}`}>
                {language === 'en' ? ward.fullNameEn : ward.fullName}
              </label>
            </div>
          ))}
        </fieldset>
      ) : null}
    </div>
  )
}
