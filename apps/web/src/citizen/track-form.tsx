/**
 * Tracking code + verify code form. The code's check character is tested in the browser
 * first (a typo is caught without a request); the server answers 404 alike for an unknown
 * code and a wrong verify code.
 */
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { normalizeTrackingCode } from '@lianxin/core';
import { ApiError } from '../shared/api-error';
import type { OpinionView } from '../shared/contract-types';
import { fetchOpinion } from './api';
import { ErrorSummary, TextField } from './form-fields';
import type { SummaryItem } from './form-fields';
import { useI18n } from './i18n';
import { errorText } from './messages';

interface Props {
  initialCode?: string;
  /** An error to show from the start (e.g. a stored verify code that no longer works). */
  initialError?: unknown;
  onFound: (view: OpinionView, trackingCode: string, verify: string) => void;
}

type Field = 'code' | 'verify';

export function TrackForm({ initialCode = '', initialError, onFound }: Props) {
  const { t } = useI18n();
  const [code, setCode] = useState(initialCode);
  const [verify, setVerify] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(initialError ? errorText(initialError, t) : null);
  const [loading, setLoading] = useState(false);
  const [focusSummary, setFocusSummary] = useState(initialError ? 1 : 0);
  const summaryRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (focusSummary > 0) summaryRef.current?.focus();
  }, [focusSummary]);

  const fail = (fieldErrors: Partial<Record<Field, string>>, general: string | null) => {
    setErrors(fieldErrors);
    setFormError(general);
    setFocusSummary((n) => n + 1);
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (loading) return;
    const fieldErrors: Partial<Record<Field, string>> = {};
    const normalized = normalizeTrackingCode(code);
    if (!code.trim()) fieldErrors.code = t('errCodeRequired');
    else if (!normalized) fieldErrors.code = t('errTrackingCode');
    if (!verify.trim()) fieldErrors.verify = t('errVerifyRequired');
    if (!normalized || Object.keys(fieldErrors).length > 0) return fail(fieldErrors, null);
    setLoading(true);
    try {
      const view = await fetchOpinion(normalized, verify.trim());
      setErrors({});
      setFormError(null);
      onFound(view, normalized, verify.trim());
    } catch (error) {
      if (error instanceof ApiError && error.code === 'TRACKING_CODE_INVALID') fail({ code: t('errTrackingCode') }, null);
      else fail({}, errorText(error, t));
    } finally {
      setLoading(false);
    }
  };

  const summary: SummaryItem[] = [];
  if (errors.code) summary.push({ fieldId: 'track-code', text: `${t('trackCodeLabel')}：${errors.code}` });
  if (errors.verify) summary.push({ fieldId: 'track-verify', text: `${t('trackVerifyLabel')}：${errors.verify}` });
  if (formError) summary.push({ text: formError });

  return (
    <>
      {summary.length > 0 && (
        <ErrorSummary
          title={errors.code || errors.verify ? t('errorSummaryTitle') : t('trackFailedTitle')}
          items={summary}
          innerRef={summaryRef}
          testId="track-error-summary"
        />
      )}
      <form className="form" noValidate onSubmit={(e) => void onSubmit(e)} data-testid="track-form">
        <TextField
          id="track-code"
          label={t('trackCodeLabel')}
          hint={t('trackCodeHint')}
          required
          error={errors.code}
          value={code}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={20}
          className="input input-code"
          onChange={(e) => setCode(e.target.value)}
          data-testid="track-code"
        />
        <TextField
          id="track-verify"
          label={t('trackVerifyLabel')}
          hint={t('trackVerifyHint')}
          required
          error={errors.verify}
          value={verify}
          autoComplete="off"
          spellCheck={false}
          maxLength={20}
          onChange={(e) => setVerify(e.target.value)}
          data-testid="track-verify"
        />
        <div className="form-actions">
          <button type="submit" className="button button-big" disabled={loading} data-testid="track-submit">
            {loading ? t('trackLoading') : t('trackSubmit')}
          </button>
        </div>
      </form>
    </>
  );
}
