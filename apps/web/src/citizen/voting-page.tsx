/** `/m/voting` and `/m/voting/:id`: livelihood projects — rounds, candidates, public comments, a citizen's proposal, results and progress. */
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useI18n } from './i18n';
import { fetchAuditSummary, fetchPublicRound, fetchPublicRounds, postCandidate, postComment, type PublicCandidate } from './participation-api';
import { participationText } from './participation-messages';
import { useDocumentTitle } from './use-document-title';
import { useResource } from './use-resource';

export function VotingRoundsPage() {
  const { language } = useI18n();
  const p = participationText(language);
  useDocumentTitle(p('votingTitle'));
  const rounds = useResource(`public-rounds:${language}`, fetchPublicRounds);
  return (
    <section className="page" aria-labelledby="voting-title">
      <h2 id="voting-title">{p('votingTitle')}</h2>
      <p className="muted">{p('votingIntro')}</p>
      {rounds.loading && <p className="status">{p('loading')}</p>}
      {rounds.error && <p className="status status-error">{p('failed')}</p>}
      {rounds.data?.length === 0 && <p className="status">{p('noRounds')}</p>}
      <div className="cards">
        {rounds.data?.map((r) => (
          <Link key={r.id} className="card" to={`/voting/${r.id}`} data-testid="public-round">
            <span className="card-title">{r.title}</span>
            <span className="tag">{r.phaseLabel}</span>
          </Link>
        ))}
      </div>
    </section>
  );
}

function CommentForm({ candidate }: { candidate: PublicCandidate }) {
  const { language } = useI18n();
  const p = participationText(language);
  const [stance, setStance] = useState('support');
  const [content, setContent] = useState('');
  const [state, setState] = useState<'idle' | 'sending' | 'sent' | 'error'>('idle');
  const [error, setError] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setState('sending');
    try {
      await postComment(candidate.id, { stance, content });
      setState('sent');
      setContent('');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setState('error');
    }
  };
  const id = `comment-${candidate.id}`;
  return (
    <form className="form" onSubmit={(e) => void submit(e)}>
      {/* The same inputs as the other citizen forms: 17 px text, 48 px targets. */}
      <fieldset className="field choices">
        <legend>{p('stance')}</legend>
        <div className="choice-row">
          {(['support', 'oppose', 'neutral'] as const).map((s) => (
            <label key={s} className="choice">
              <input type="radio" name={`stance-${candidate.id}`} value={s} checked={stance === s} onChange={() => setStance(s)} />
              <span>{p(s)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor={id}>{p('commentLabel')}</label>
        <textarea
          id={id}
          className="input textarea"
          value={content}
          minLength={2}
          maxLength={1000}
          required
          rows={3}
          onChange={(e) => setContent(e.target.value)}
        />
      </div>
      <button className="button" type="submit" disabled={state === 'sending'}>
        {p('send')}
      </button>
      {state === 'sent' && (
        <p className="status" role="status">
          {p('sent')}
        </p>
      )}
      {state === 'error' && (
        <p className="status status-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

function ProposeForm({ roundId }: { roundId: string }) {
  const { language } = useI18n();
  const p = participationText(language);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [proposer, setProposer] = useState('');
  const [state, setState] = useState<'idle' | 'sent' | 'error'>('idle');
  const [error, setError] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await postCandidate(roundId, { title, description, ...(proposer ? { proposer } : {}) });
      setState('sent');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setState('error');
    }
  };
  if (state === 'sent')
    return (
      <p className="status" role="status">
        {p('proposed')}
      </p>
    );
  return (
    <form className="form" onSubmit={(e) => void submit(e)} aria-labelledby="propose-title">
      <h3 id="propose-title">{p('proposeTitle')}</h3>
      <div className="field">
        <label htmlFor="propose-name">{p('projectTitle')}</label>
        <input id="propose-name" className="input" value={title} required minLength={4} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="propose-description">{p('projectDescription')}</label>
        <textarea
          id="propose-description"
          className="input textarea"
          value={description}
          required
          minLength={10}
          maxLength={2000}
          rows={4}
          onChange={(e) => setDescription(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="propose-proposer">{p('yourName')}</label>
        <input id="propose-proposer" className="input" value={proposer} maxLength={50} onChange={(e) => setProposer(e.target.value)} />
      </div>
      <button className="button" type="submit">
        {p('send')}
      </button>
      {state === 'error' && (
        <p className="status status-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

export function VotingRoundPage() {
  const { id = '' } = useParams();
  const { language } = useI18n();
  const p = participationText(language);
  // Not reloaded after a comment: the confirmation stays in view; the comment shows on the next visit.
  const round = useResource(`public-round:${id}:${language}`, () => fetchPublicRound(id));
  const decided = !!round.data && ['decided', 'satisfaction', 'finished'].includes(round.data.round.phase);
  const audit = useResource(decided ? `public-audit:${id}` : null, () => fetchAuditSummary(id));
  useDocumentTitle(round.data?.round.title ?? p('votingTitle'));
  if (round.loading) return <p className="status">{p('loading')}</p>;
  if (!round.data) return <p className="status status-error">{p('failed')}</p>;
  const { round: r, candidates } = round.data;
  const votes = new Map((r.selectionResult?.results ?? []).map((x) => [x.candidateId, x.votes]));
  const rates = new Map((r.satisfactionResult ?? []).map((x) => [x.projectId, x.satisfactionRate]));
  return (
    <section className="page" aria-labelledby="round-title">
      <p className="breadcrumb">
        <Link to="/voting">{p('back')}</Link>
      </p>
      <h2 id="round-title">{r.title}</h2>
      <p>
        <span className="tag">{r.phaseLabel}</span>
      </p>
      {audit.data && (
        <p className="muted" data-testid="public-audit">
          {audit.data.reproducible ? p('audit', { n: audit.data.voted }) : p('auditBad')}
        </p>
      )}
      <h3>{p('candidates')}</h3>
      <div className="cards">
        {candidates.map((c) => (
          <article key={c.id} className="card" aria-labelledby={`c-${c.id}`}>
            <h4 id={`c-${c.id}`} className="card-title">
              {c.title} {c.chosen && <span className="tag">{p('chosen')}</span>}
            </h4>
            <p className="card-line">{c.description}</p>
            {votes.has(c.id) && (
              <p className="card-line">
                {p('votes')}：{votes.get(c.id)}
              </p>
            )}
            {c.chosen && (
              <p className="card-line">
                {p('progress')}：{c.progress}%{c.progressReports[0] ? `（${c.progressReports[0].content}）` : ''}
              </p>
            )}
            {rates.get(c.id) != null && (
              <p className="card-line">
                {p('satisfaction')}：{Math.round(rates.get(c.id)! * 100)}%
              </p>
            )}
            {c.comments.length > 0 && (
              <details>
                <summary>
                  {p('comments')}（{c.comments.length}）
                </summary>
                <ul>
                  {c.comments.map((m) => (
                    <li key={m.id}>
                      【{p(m.stance as 'support' | 'oppose' | 'neutral')}】{m.content}
                    </li>
                  ))}
                </ul>
              </details>
            )}
            {r.phase === 'commenting' && <CommentForm candidate={c} />}
          </article>
        ))}
      </div>
      {r.phase === 'collecting' && <ProposeForm roundId={r.id} />}
    </section>
  );
}
