/** 满意 / 基本满意 / 不满意 with an optional comment, for a replied opinion. */
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { CaseRating, OpinionView } from '../shared/contract-types';
import { rateOpinion } from './api';
import { TextAreaField } from './form-fields';
import { useI18n } from './i18n';
import { errorText, RATING_KEYS } from './messages';
import { formatDateTime } from '../shared/format';

interface Props {
  view: OpinionView;
  verify: string;
  onRated: (view: OpinionView) => void;
}

const RATINGS = Object.keys(RATING_KEYS) as CaseRating[];

export function RatingForm({ view, verify, onRated }: Props) {
  const { t, language } = useI18n();
  const [rating, setRating] = useState<CaseRating | ''>('');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [focusError, setFocusError] = useState(0);
  const errorRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (focusError > 0) errorRef.current?.focus();
  }, [focusError]);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (sending) return;
    if (!rating) {
      setError(t('rateRequired'));
      setFocusError((n) => n + 1);
      return;
    }
    setSending(true);
    setError(null);
    try {
      const updated = await rateOpinion(view.trackingCode, { verify, rating, ...(comment.trim() ? { comment: comment.trim() } : {}) });
      onRated(updated);
    } catch (failure) {
      setError(errorText(failure, t));
      setFocusError((n) => n + 1);
    } finally {
      setSending(false);
    }
  };

  return (
    <section aria-labelledby="rate-title" className="panel" data-testid="rate-form">
      <h3 id="rate-title">{t('rateTitle')}</h3>
      {view.ratingDueAt && <p className="muted">{t('rateDue', { time: formatDateTime(view.ratingDueAt, language) })}</p>}
      {error && (
        <p className="field-error" role="alert" tabIndex={-1} ref={errorRef} data-testid="rate-error">
          {error}
        </p>
      )}
      <form className="form" noValidate onSubmit={(e) => void onSubmit(e)}>
        <fieldset className="field choices">
          <legend>{t('rateLegend')}</legend>
          <div className="choice-row">
            {RATINGS.map((value) => (
              <label key={value} className="choice">
                <input
                  type="radio"
                  name="rating"
                  value={value}
                  checked={rating === value}
                  onChange={() => {
                    setRating(value);
                    setError(null);
                  }}
                  data-testid={`rate-${value}`}
                />
                <span>{t(RATING_KEYS[value])}</span>
              </label>
            ))}
          </div>
          {rating === 'unsatisfied' && <p className="hint">{t('rateUnsatisfiedHint')}</p>}
        </fieldset>
        <TextAreaField
          id="rate-comment"
          label={t('rateComment')}
          rows={3}
          maxLength={500}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          data-testid="rate-comment"
        />
        <div className="form-actions">
          <button type="submit" className="button button-big" disabled={sending} data-testid="rate-submit">
            {t('rateSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}
