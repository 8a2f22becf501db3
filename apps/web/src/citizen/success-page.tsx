/**
 * `/m/success`: the receipt of a submission — the tracking code (with a copy button and a
 * QR code of the tracking link), how to verify, the password when no phone was given, and
 * similar opinions already being handled. Survives a reload through sessionStorage.
 */
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import type { OpinionReceipt } from '../shared/contract-types';
import { qrCodeUrl } from './api';
import { useI18n } from './i18n';
import { statusName } from './messages';
import { readReceipt } from './tracking-store';
import { useDocumentTitle } from './use-document-title';

async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the old way
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

export function SuccessPage() {
  const { t } = useI18n();
  useDocumentTitle(t('successTitle'));
  const location = useLocation();
  const [receipt] = useState<OpinionReceipt | null>(() => (location.state as { receipt?: OpinionReceipt } | null)?.receipt ?? readReceipt());
  const [copyStatus, setCopyStatus] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => headingRef.current?.focus(), []);

  if (!receipt) {
    return (
      <section className="page" aria-labelledby="success-title">
        <h2 id="success-title" ref={headingRef} tabIndex={-1}>
          {t('successMissing')}
        </h2>
        <p>
          <Link to="/submit">{t('homeSubmit')}</Link> · <Link to="/track">{t('homeTrack')}</Link>
        </p>
      </section>
    );
  }

  const onCopy = async () => {
    setCopyStatus('');
    setCopyStatus((await copyText(receipt.trackingCode)) ? t('copied') : t('copyFailed'));
  };

  return (
    <section className="page" aria-labelledby="success-title" data-testid="success-page">
      <h2 id="success-title" ref={headingRef} tabIndex={-1}>
        {t('successTitle')}
      </h2>
      <p>{t('successIntro')}</p>

      <div className="receipt">
        <p className="receipt-label">{t('successCodeLabel')}</p>
        <p className="tracking-code" data-testid="success-code">
          {receipt.trackingCode}
        </p>
        <button type="button" className="button" aria-label={t('copyLabel')} onClick={() => void onCopy()} data-testid="success-copy">
          {t('copy')}
        </button>
        <p className="muted" role="status" data-testid="success-copy-status">
          {copyStatus}
        </p>
        <p data-testid="success-verify-hint">{receipt.verifyHint}</p>
      </div>

      {receipt.secret && (
        <div className="secret" data-testid="success-secret-box">
          <h3>{t('successSecretTitle')}</h3>
          <p className="secret-value" data-testid="success-secret">
            {receipt.secret}
          </p>
          <p>{t('successSecretHint')}</p>
        </div>
      )}

      <figure className="qr">
        <img src={qrCodeUrl(receipt.trackUrl)} alt={t('successQrAlt', { code: receipt.trackingCode })} width={200} height={200} data-testid="success-qr" />
        <figcaption className="muted">{t('successQrHint')}</figcaption>
      </figure>

      <p className="actions-row">
        <Link className="button" to={`/track/${receipt.trackingCode}`} data-testid="success-track">
          {t('successTrack')}
        </Link>
        <Link className="button button-ghost" to="/submit">
          {t('successAgain')}
        </Link>
      </p>

      {receipt.similar && receipt.similar.length > 0 && (
        <section aria-labelledby="similar-title" data-testid="success-similar">
          <h3 id="similar-title">{t('successSimilarTitle')}</h3>
          <ul className="cards">
            {receipt.similar.map((item, i) => (
              <li key={i} className="card">
                <p className="card-title">{item.title}</p>
                <p className="card-line muted">{statusName(item.status, t)}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
