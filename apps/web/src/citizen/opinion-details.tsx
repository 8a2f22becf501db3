/** The citizen's view of their opinion: status, facts, timeline, reply, files, suggestion, rating. */
import { useState } from 'react';
import { Link } from 'react-router';
import type { OpinionView } from '../shared/contract-types';
import { fetchAppealKinds, opinionAttachmentUrl } from './api';
import { useI18n } from './i18n';
import { RATING_KEYS, statusName } from './messages';
import { formatDateTime } from '../shared/format';
import { RatingForm } from './rating-form';
import { useResource } from './use-resource';

interface Props {
  view: OpinionView;
  verify: string;
  onChange: (view: OpinionView) => void;
}

export function OpinionDetails({ view, verify, onChange }: Props) {
  const { t, language } = useI18n();
  const kinds = useResource('public-appeal-kinds', fetchAppealKinds);
  const [thanks, setThanks] = useState(false);
  const kind = kinds.data?.find((k) => k.code === view.kind);
  const kindName = kind ? (language === 'en' ? kind.nameEn : kind.name) : view.kind;
  const ratingKey = view.rating ? RATING_KEYS[view.rating.rating as keyof typeof RATING_KEYS] : undefined;

  return (
    <article className="page" aria-labelledby="opinion-title" data-testid="opinion">
      <p className="breadcrumb">
        <Link to="/track">{t('otherCode')}</Link>
      </p>
      <h2 id="opinion-title">{view.title}</h2>
      <p className={`status-badge status-${view.status}`} data-testid="opinion-status">
        {t('statusText')}：<strong>{statusName(view.status, t) || view.statusLabel}</strong>
      </p>
      <dl className="facts">
        <dt>{t('trackCodeLabel')}</dt>
        <dd className="code" data-testid="opinion-code">
          {view.trackingCode}
        </dd>
        <dt>{t('submittedAt')}</dt>
        <dd>{formatDateTime(view.createdAt, language)}</dd>
        {kindName && (
          <>
            <dt>{t('kindText')}</dt>
            <dd>{kindName}</dd>
          </>
        )}
        {view.categoryName && (
          <>
            <dt>{t('categoryText')}</dt>
            <dd>{view.categoryName}</dd>
          </>
        )}
        {view.unitName && (
          <>
            <dt>{t('unitText')}</dt>
            <dd>{view.unitName}</dd>
          </>
        )}
      </dl>

      {view.suggestion && (
        <p className="panel" data-testid="opinion-suggestion">
          {t('suggestionText')}
          <Link to={`/suggestions/${view.suggestion.id}`}>{view.suggestion.title}</Link>
        </p>
      )}

      {view.reply && (
        <section aria-labelledby="reply-title" className="panel" data-testid="opinion-reply">
          <h3 id="reply-title">{t('replyTitle')}</h3>
          <p className="pre">{view.reply.content}</p>
          {view.reply.at && <p className="muted">{formatDateTime(view.reply.at, language)}</p>}
        </section>
      )}

      {view.attachments.length > 0 && (
        <section aria-labelledby="files-title">
          <h3 id="files-title">{t('attachmentsTitle')}</h3>
          <ul className="files" data-testid="opinion-attachments">
            {view.attachments.map((file, index) => (
              <li key={file.id}>
                <a href={opinionAttachmentUrl(view.trackingCode, file.id, verify)} target="_blank" rel="noopener noreferrer">
                  {file.mime === 'application/pdf' ? t('attachmentPdf', { n: index + 1 }) : t('attachmentImage', { n: index + 1 })}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}

      <div aria-live="polite">
        {view.rating && ratingKey && (
          <section aria-labelledby="rating-title" className="panel" data-testid="opinion-rating">
            <h3 id="rating-title">{t('yourRating')}</h3>
            {thanks && <p>{t('rateThanks')}</p>}
            <p>
              <strong>{t(ratingKey)}</strong>
              {view.rating.at && <span className="muted"> · {formatDateTime(view.rating.at, language)}</span>}
            </p>
            {view.rating.comment && <p className="pre">{view.rating.comment}</p>}
          </section>
        )}
      </div>

      {view.canRate && (
        <RatingForm
          view={view}
          verify={verify}
          onRated={(updated) => {
            setThanks(true);
            onChange(updated);
          }}
        />
      )}

      <section aria-labelledby="timeline-title">
        <h3 id="timeline-title">{t('timelineTitle')}</h3>
        <ol className="timeline" data-testid="timeline">
          {view.timeline.map((entry, index) => (
            <li key={`${entry.at}-${index}`}>
              <time dateTime={entry.at}>{formatDateTime(entry.at, language)}</time>
              <span className="timeline-label">{entry.label}</span>
              {entry.note && <p className="pre muted">{entry.note}</p>}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
