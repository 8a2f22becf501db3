/** `/m/suggestions/:id`: the public view of a deputy's suggestion or motion an opinion became part of. */
import { Link, useParams } from 'react-router';
import { useI18n } from './i18n';
import { fetchPublicSuggestion } from './participation-api';
import { participationText } from './participation-messages';
import { useDocumentTitle } from './use-document-title';
import { useResource } from './use-resource';

export function SuggestionPage() {
  const { id = '' } = useParams();
  const { language } = useI18n();
  const p = participationText(language);
  const s = useResource(`suggestion:${id}:${language}`, () => fetchPublicSuggestion(id));
  useDocumentTitle(s.data?.title ?? p('suggestionTitle'));
  if (s.loading) return <p className="status">{p('loading')}</p>;
  if (!s.data)
    return (
      <p className="status status-error">
        {p('failed')} <Link to="/">{p('back')}</Link>
      </p>
    );
  const d = s.data;
  return (
    <section className="page" aria-labelledby="suggestion-title" data-testid="public-suggestion">
      <h2 id="suggestion-title">{d.title}</h2>
      <dl className="facts">
        <dt>{d.typeLabel}</dt>
        <dd>{d.number ?? '—'}</dd>
        <dt>{p('lead')}</dt>
        <dd>{d.leadDeputyName}</dd>
        <dt>{p('status')}</dt>
        <dd>{d.statusLabel}</dd>
        {d.leadUnitName && (
          <>
            <dt>{p('leadUnit')}</dt>
            <dd>{d.leadUnitName}</dd>
          </>
        )}
        {d.answerClassLabel && (
          <>
            <dt>{p('answerClass')}</dt>
            <dd>{d.answerClassLabel}</dd>
          </>
        )}
      </dl>
      <p style={{ whiteSpace: 'pre-wrap' }}>{d.body}</p>
    </section>
  );
}
