/**
 * `/m/track`: look an opinion up by tracking code and verify code.
 * `/m/track/:trackingCode`: one opinion (the QR code of the success page points here); asks
 * for the verify code unless this session already knows it.
 */
import { useEffect, useState } from 'react';
import { NavigationType, useLocation, useNavigate, useNavigationType, useParams } from 'react-router';
import { normalizeTrackingCode } from '@lianxin/core';
import { ApiError } from '../shared/api-error';
import type { OpinionView } from '../shared/contract-types';
import type { Language } from '../shared/language';
import { fetchOpinion } from './api';
import { useI18n } from './i18n';
import { OpinionDetails } from './opinion-details';
import { LoadError, Loading } from './status-message';
import { TrackForm } from './track-form';
import { readVerify, saveVerify } from './tracking-store';
import { useDocumentTitle } from './use-document-title';

interface TrackState {
  view?: OpinionView;
  verify?: string;
}

export function TrackPage() {
  const { t } = useI18n();
  useDocumentTitle(t('trackTitle'));
  const navigate = useNavigate();
  return (
    <section className="page" aria-labelledby="track-title">
      <h2 id="track-title">{t('trackTitle')}</h2>
      <p className="muted">{t('trackIntro')}</p>
      <TrackForm
        onFound={(view, code, verify) => {
          saveVerify(code, verify);
          void navigate(`/track/${code}`, { state: { view, verify } satisfies TrackState });
        }}
      />
    </section>
  );
}

export function OpinionPage() {
  const { trackingCode = '' } = useParams();
  const code = normalizeTrackingCode(trackingCode) ?? trackingCode;
  return <OpinionLoader key={code} code={code} />;
}

function OpinionLoader({ code }: { code: string }) {
  const { t, language } = useI18n();
  useDocumentTitle(t('opinionTitle'));
  const location = useLocation();
  const initial = (location.state as TrackState | null) ?? {};
  const fromState = initial.view?.trackingCode === code ? initial : {};
  // The view kept in history is only fresh right after the lookup that navigated here; on a
  // reload or back/forward (POP) it may be days old, so fetch the current state instead.
  const freshView = useNavigationType() === NavigationType.Pop ? null : (fromState.view ?? null);
  const [verify, setVerify] = useState<string | null>(() => fromState.verify ?? readVerify(code));
  const [view, setView] = useState<OpinionView | null>(freshView);
  const [viewLanguage, setViewLanguage] = useState<Language>(language);
  const [error, setError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const navigate = useNavigate();

  // Load when the verify code is known but the view is not (or is in the other language).
  useEffect(() => {
    if (!verify || (view && viewLanguage === language)) return;
    let live = true;
    setError(null);
    fetchOpinion(code, verify)
      .then((loaded) => {
        if (!live) return;
        setView(loaded);
        setViewLanguage(language);
      })
      .catch((failure: unknown) => {
        if (!live) return;
        const apiError = failure instanceof ApiError ? failure : new ApiError(0, 'NETWORK_ERROR', String(failure));
        if (apiError.status === 404 || apiError.status === 400) {
          // The stored code no longer works: ask again.
          saveVerify(code, null);
          setVerify(null);
        }
        setError(apiError);
      });
    return () => {
      live = false;
    };
  }, [code, verify, view, viewLanguage, language, attempt]);

  if (view && verify) return <OpinionDetails view={view} verify={verify} onChange={setView} />;
  if (verify && !error) return <Loading />;
  if (verify && error) return <LoadError error={error} onRetry={() => setAttempt((n) => n + 1)} />;

  return (
    <section className="page" aria-labelledby="track-title">
      <h2 id="track-title">{t('trackTitle')}</h2>
      <p className="muted">{t('trackIntro')}</p>
      <TrackForm
        initialCode={code}
        initialError={error ?? undefined}
        onFound={(found, foundCode, foundVerify) => {
          saveVerify(foundCode, foundVerify);
          if (foundCode !== code) {
            void navigate(`/track/${foundCode}`, { state: { view: found, verify: foundVerify } satisfies TrackState });
            return;
          }
          setView(found);
          setViewLanguage(language);
          setVerify(foundVerify);
          setError(null);
        }}
      />
    </section>
  );
}
