/**
 * `/m/submit`: the opinion form. A station's or deputy's QR code opens it as
 * `/m/submit?unitId=…&via=qr` or `?deputyId=…&via=qr` (the marker: see `entry-marker.ts`). Photos upload as soon as they are chosen; the
 * submission solves the proof-of-work challenge when the server asks for one, and retries
 * after a network failure with the same Idempotency-Key, so one tap never makes two cases.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../shared/api-error';
import type { OpinionReceipt, OpinionSubmit, PublicUnit } from '../shared/contract-types';
import { fetchAllPublicDeputies, fetchAppealKinds, fetchChallenge, fetchPublicCategories, fetchPublicUnits, submitOpinion } from './api';
import { challengeProgress, solveChallenge } from './challenge';
import { entryVia, forgetEntry } from './entry-marker';
import { ErrorSummary, SelectField, TextAreaField, TextField } from './form-fields';
import type { SummaryItem } from './form-fields';
import { useI18n } from './i18n';
import type { MessageKey } from './i18n';
import { errorText } from './messages';
import { MAX_FILES } from './image-compress';
import { PhotoPicker } from './photo-picker';
import { LoadError } from './status-message';
import {
  buildSubmitBody,
  categoryLevels,
  CONTENT_MAX,
  CONTENT_MIN,
  detailMessageKey,
  EMPTY_VALUES,
  fieldOfPath,
  newIdempotencyKey,
  SUBMIT_FIELDS,
  suggestStation,
  validateSubmit,
} from './submit-model';
import type { SubmitField, SubmitValues } from './submit-model';
import { saveReceipt, saveVerify, verifyFromPhone } from './tracking-store';
import { groupStations, regionLabelKey } from './units-model';
import { useDocumentTitle } from './use-document-title';
import { usePhotoUploads } from './use-photo-uploads';
import { useResource } from './use-resource';

/** Id of the control that represents a field (the error summary links to it). */
const fieldId = (field: SubmitField) => `submit-field-${field}`;

const FIELD_LABEL: Record<SubmitField, MessageKey> = {
  kind: 'kindLegend',
  category: 'categoryLegend',
  unitId: 'stationLabel',
  title: 'titleLabel',
  content: 'contentLabel',
  address: 'addressLabel',
  name: 'nameLabel',
  phone: 'phoneLabel',
  email: 'emailLabel',
  photos: 'photosLabel',
};

type Phase = 'idle' | 'uploading' | 'challenge' | 'sending' | 'retrying';
type Solution = { token: string; nonce: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Pause before the n-th automatic retry after a network failure. */
export const RETRY_DELAYS_MS = [1000, 2500];

function isTransient(error: ApiError): boolean {
  return error.code === 'NETWORK_ERROR' || error.code === 'DUPLICATE' || error.status === 502 || error.status === 503 || error.status === 504;
}

export function SubmitPage() {
  const { t, language } = useI18n();
  useDocumentTitle(t('submitTitle'));
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const presetUnitId = params.get('unitId') ?? '';
  const presetDeputyId = params.get('deputyId') ?? '';

  const units = useResource('public-units', fetchPublicUnits);
  const categories = useResource('public-categories', fetchPublicCategories);
  const kinds = useResource('public-appeal-kinds', fetchAppealKinds);
  const deputies = useResource(presetDeputyId ? 'public-deputies:all' : null, fetchAllPublicDeputies);
  const photos = usePhotoUploads();

  const [values, setValues] = useState<SubmitValues>(EMPTY_VALUES);
  const [errors, setErrors] = useState<Partial<Record<SubmitField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const [challengePercent, setChallengePercent] = useState(0);
  const [focusSummary, setFocusSummary] = useState(0);
  const summaryRef = useRef<HTMLDivElement>(null);
  const idempotencyKey = useRef(newIdempotencyKey());
  const solution = useRef<Solution | null>(null);
  const busy = useRef(false);
  const unitTouched = useRef(false);

  const unitList = useMemo(() => units.data ?? [], [units.data]);
  const presetUnit = unitList.find((u) => u.id === presetUnitId);
  const deputy = deputies.data?.find((d) => d.id === presetDeputyId);
  const deputyHome = deputy?.homeUnitId ? unitList.find((u) => u.id === deputy.homeUnitId) : undefined;
  const deputyStation = deputyHome?.kind === 'point' ? unitList.find((u) => u.id === deputyHome.parentId) : deputyHome;
  const targetUnit = presetUnit ?? deputyStation;

  // A QR link preselects its station; a deputy's link preselects the deputy's home station.
  useEffect(() => {
    if (!unitTouched.current && targetUnit) setValues((v) => (v.unitId ? v : { ...v, unitId: targetUnit.id }));
  }, [targetUnit]);

  useEffect(() => {
    if (focusSummary > 0) summaryRef.current?.focus();
  }, [focusSummary]);

  const set = <K extends keyof SubmitValues>(name: K, value: SubmitValues[K]) => {
    setValues((v) => ({ ...v, [name]: value }));
    const field = (name === 'categoryParent' || name === 'categoryChild' ? 'category' : name) as SubmitField;
    if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const levels = useMemo(() => categoryLevels(categories.data ?? []), [categories.data]);
  const children = values.categoryParent ? levels.childrenOf(values.categoryParent) : [];
  const suggestion = suggestStation(unitList, values.address);
  const showSuggestion = suggestion && suggestion.id !== values.unitId;
  const stationGroups = groupStations(unitList);
  const selectedUnit = unitList.find((u) => u.id === values.unitId);

  const showProblems = (fieldErrors: Partial<Record<SubmitField, string>>, general: string | null) => {
    setErrors(fieldErrors);
    setFormError(general);
    setFocusSummary((n) => n + 1);
  };

  const solveIfNeeded = async (): Promise<Solution | null> => {
    if (solution.current) return solution.current;
    const challenge = await fetchChallenge();
    if (!challenge.enabled || !challenge.token) return null;
    const difficulty = challenge.difficulty ?? 0;
    setPhase('challenge');
    setChallengePercent(0);
    const nonce = await solveChallenge(challenge.token, difficulty, {
      onProgress: (tries) => setChallengePercent(Math.round(challengeProgress(tries, difficulty) * 100)),
    });
    solution.current = { token: challenge.token, nonce };
    return solution.current;
  };

  const send = async (body: OpinionSubmit): Promise<OpinionReceipt> => {
    let retries = 0;
    let freshChallenges = 0;
    for (;;) {
      try {
        const challenge = await solveIfNeeded();
        setPhase(retries > 0 ? 'retrying' : 'sending');
        return await submitOpinion(challenge ? { ...body, challenge } : body, idempotencyKey.current);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        if (isTransient(error) && retries < RETRY_DELAYS_MS.length) {
          setPhase('retrying');
          await sleep(RETRY_DELAYS_MS[retries]);
          retries += 1;
          continue;
        }
        const challengeRefused = error.code === 'VALIDATION_FAILED' && error.details.some((d) => d.path === 'challenge');
        if (challengeRefused && freshChallenges < 1) {
          solution.current = null;
          freshChallenges += 1;
          continue;
        }
        // A key the server keeps refusing (e.g. the text changed after a lost answer): start afresh next time.
        if (error.code === 'DUPLICATE') idempotencyKey.current = newIdempotencyKey();
        throw error;
      }
    }
  };

  const serverProblems = (error: unknown) => {
    if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') return showProblems({}, errorText(error, t));
    const fieldErrors: Partial<Record<SubmitField, string>> = {};
    const general: string[] = [];
    for (const detail of error.details) {
      const field = fieldOfPath(detail.path);
      if (!field) {
        general.push(detail.path === 'challenge' ? t('errChallenge') : t(detailMessageKey(detail.code)));
        continue;
      }
      if (fieldErrors[field]) continue;
      if (field === 'content' && detail.code === 'too_small') fieldErrors.content = t('errContentShort', { min: CONTENT_MIN });
      else if (field === 'content' && detail.code === 'too_big') fieldErrors.content = t('errContentLong', { max: CONTENT_MAX });
      else fieldErrors[field] = t(detailMessageKey(detail.code));
    }
    showProblems(fieldErrors, general.length > 0 ? [...new Set(general)].join(' ') : Object.keys(fieldErrors).length > 0 ? null : t('errValidation'));
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy.current) return;
    const problems = validateSubmit(values);
    const fieldErrors: Partial<Record<SubmitField, string>> = {};
    for (const p of problems) fieldErrors[p.field] ??= t(p.key, p.vars);
    if (photos.outcome().failed) fieldErrors.photos = t('photosFailed');
    if (Object.keys(fieldErrors).length > 0) return showProblems(fieldErrors, null);

    busy.current = true;
    setErrors({});
    setFormError(null);
    try {
      // A tap while photos are still uploading waits for them rather than refusing.
      if (photos.pending) {
        setPhase('uploading');
        await photos.settled();
      }
      const uploaded = photos.outcome();
      if (uploaded.failed) return showProblems({ photos: t('photosFailed') }, null);
      setPhase('sending');
      const body = { ...buildSubmitBody(values, uploaded.attachmentIds), via: entryVia(params.toString()) };
      if (presetDeputyId) body.deputyId = presetDeputyId;
      const receipt = await send(body);
      saveReceipt(receipt);
      const verify = receipt.secret ?? verifyFromPhone(values.phone);
      if (verify) saveVerify(receipt.trackingCode, verify);
      idempotencyKey.current = newIdempotencyKey();
      solution.current = null;
      forgetEntry();
      photos.clear();
      void navigate('/success', { state: { receipt } });
    } catch (error) {
      serverProblems(error);
    } finally {
      busy.current = false;
      setPhase('idle');
    }
  };

  const summary: SummaryItem[] = SUBMIT_FIELDS.flatMap((field) =>
    errors[field] ? [{ fieldId: fieldId(field), text: `${t(FIELD_LABEL[field], { max: MAX_FILES })}：${errors[field]}` }] : [],
  );
  if (formError) summary.push({ text: formError });

  const targetNames = [targetUnit?.name, deputy ? t('deputyName', { name: deputy.name }) : undefined].filter(Boolean);
  const sendingText =
    phase === 'uploading'
      ? t('photosWaiting')
      : phase === 'challenge'
        ? t('submitChallengeProgress', { percent: challengePercent })
        : phase === 'retrying'
          ? t('submitRetrying')
          : t('submitSending');

  return (
    <section className="page" aria-labelledby="submit-title">
      <h2 id="submit-title">{t('submitTitle')}</h2>
      {targetNames.length > 0 && (
        <p className="target" data-testid="submit-target">
          {t('submitTarget', { name: targetNames.join(' / ') })}
        </p>
      )}
      <p className="muted">{t('submitIntro')}</p>
      {units.error && <LoadError error={units.error} onRetry={units.retry} />}

      {summary.length > 0 && <ErrorSummary title={t('errorSummaryTitle')} items={summary} innerRef={summaryRef} testId="submit-error-summary" />}

      <form className="form" noValidate onSubmit={(e) => void onSubmit(e)} data-testid="submit-form">
        {kinds.data && kinds.data.length > 0 && (
          <fieldset className="field choices" aria-describedby={errors.kind ? 'submit-kind-error' : undefined}>
            <legend>{t('kindLegend')}</legend>
            {errors.kind && (
              <p id="submit-kind-error" className="field-error">
                {errors.kind}
              </p>
            )}
            <div className="choice-row">
              {kinds.data.map((kind, index) => (
                <label key={kind.code} className="choice">
                  <input
                    type="radio"
                    name="kind"
                    id={index === 0 ? fieldId('kind') : undefined}
                    value={kind.code}
                    checked={values.kind === kind.code}
                    onChange={() => set('kind', kind.code)}
                    data-testid={`submit-kind-${kind.code}`}
                  />
                  <span>{language === 'en' ? kind.nameEn : kind.name}</span>
                </label>
              ))}
            </div>
          </fieldset>
        )}

        <fieldset className="field-group">
          <legend>{t('categoryLegend')}</legend>
          <SelectField
            id={fieldId('category')}
            label={t('categoryLevel1')}
            error={errors.category}
            value={values.categoryParent}
            onChange={(e) => {
              set('categoryParent', e.target.value);
              set('categoryChild', '');
            }}
            data-testid="submit-category-1"
          >
            <option value="">{t('categoryAny')}</option>
            {levels.roots.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </SelectField>
          {children.length > 0 && (
            <SelectField
              id="submit-field-category-2"
              label={t('categoryLevel2')}
              value={values.categoryChild}
              onChange={(e) => set('categoryChild', e.target.value)}
              data-testid="submit-category-2"
            >
              <option value="">{t('categoryAny')}</option>
              {children.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </SelectField>
          )}
        </fieldset>

        <TextAreaField
          id={fieldId('content')}
          label={t('contentLabel')}
          required
          hint={t('contentHint', { min: CONTENT_MIN, max: CONTENT_MAX })}
          error={errors.content}
          rows={7}
          value={values.content}
          onChange={(e) => set('content', e.target.value)}
          describedBy="submit-content-count"
          after={
            <p
              id="submit-content-count"
              className={`counter${values.content.trim().length > CONTENT_MAX ? ' field-error' : ''}`}
              data-testid="submit-content-count"
            >
              {t('contentCount', { count: values.content.trim().length, max: CONTENT_MAX })}
            </p>
          }
          data-testid="submit-content"
        />

        <TextField
          id={fieldId('title')}
          label={t('titleLabel')}
          error={errors.title}
          maxLength={100}
          value={values.title}
          onChange={(e) => set('title', e.target.value)}
          data-testid="submit-title"
        />

        <TextField
          id={fieldId('address')}
          label={t('addressLabel')}
          hint={t('addressHint')}
          error={errors.address}
          maxLength={200}
          autoComplete="street-address"
          value={values.address}
          onChange={(e) => set('address', e.target.value)}
          data-testid="submit-address"
        />

        <SelectField
          id={fieldId('unitId')}
          label={t('stationLabel')}
          error={errors.unitId}
          value={values.unitId}
          onChange={(e) => {
            unitTouched.current = true;
            set('unitId', e.target.value);
          }}
          data-testid="submit-unit"
        >
          <option value="">{t('stationAny')}</option>
          {selectedUnit && selectedUnit.kind !== 'station' && <option value={selectedUnit.id}>{selectedUnit.name}</option>}
          {stationGroups.map((group) => (
            <optgroup key={group.regionType ?? 'other'} label={t(regionLabelKey(group.regionType))}>
              {group.stations.map((station: PublicUnit) => (
                <option key={station.id} value={station.id}>
                  {station.name}
                </option>
              ))}
            </optgroup>
          ))}
        </SelectField>
        <div aria-live="polite">
          {showSuggestion && (
            <p className="suggestion" data-testid="submit-station-suggestion">
              {t('stationSuggest', { name: suggestion.name })}{' '}
              <button
                type="button"
                className="button button-ghost button-small"
                onClick={() => {
                  unitTouched.current = true;
                  set('unitId', suggestion.id);
                }}
                data-testid="submit-use-suggestion"
              >
                {t('stationUseSuggestion')}
              </button>
            </p>
          )}
        </div>

        <fieldset className="field-group">
          <legend>{t('contactLegend')}</legend>
          <p className="hint">{t('contactHint')}</p>
          <label className="check">
            <input type="checkbox" checked={values.anonymous} onChange={(e) => set('anonymous', e.target.checked)} data-testid="submit-anonymous" />
            <span>{t('anonymousLabel')}</span>
          </label>
          {!values.anonymous && (
            <TextField
              id={fieldId('name')}
              label={t('nameLabel')}
              error={errors.name}
              maxLength={50}
              autoComplete="name"
              value={values.name}
              onChange={(e) => set('name', e.target.value)}
              data-testid="submit-name"
            />
          )}
          <TextField
            id={fieldId('phone')}
            label={t('phoneLabel')}
            error={errors.phone}
            type="tel"
            inputMode="tel"
            maxLength={20}
            autoComplete="tel"
            value={values.phone}
            onChange={(e) => set('phone', e.target.value)}
            data-testid="submit-phone"
          />
          <TextField
            id={fieldId('email')}
            label={t('emailLabel')}
            error={errors.email}
            type="email"
            maxLength={200}
            autoComplete="email"
            value={values.email}
            onChange={(e) => set('email', e.target.value)}
            data-testid="submit-email"
          />
        </fieldset>

        <PhotoPicker
          id={fieldId('photos')}
          items={photos.items}
          rejections={photos.rejections}
          error={errors.photos}
          onAdd={photos.add}
          onRemove={photos.remove}
        />

        <label className="check">
          <input type="checkbox" checked={values.consentPublic} onChange={(e) => set('consentPublic', e.target.checked)} data-testid="submit-consent" />
          <span>{t('consentLabel')}</span>
        </label>

        <div className="form-actions">
          <button type="submit" className="button button-big" disabled={phase !== 'idle'} aria-describedby="submit-progress" data-testid="submit-button">
            {phase === 'idle' ? t('submitButton') : t('submitSending')}
          </button>
          <p id="submit-progress" className="muted" role="status" data-testid="submit-status">
            {phase !== 'idle' ? sendingText : ''}
          </p>
        </div>
      </form>
    </section>
  );
}
