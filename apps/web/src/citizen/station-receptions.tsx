/**
 * A station's published reception rota on its citizen page: who receives constituents
 * when, places left, and booking a place (phone kept encrypted on the server; the booking
 * code with the phone's last 4 digits cancels it).
 */
import type { BookingCreated, PublicReceptionList } from '@lianxin/contracts';
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError, apiErrorFrom, networkError, withQuery } from '../shared/api-error';
import { readLanguage } from '../shared/language';
import { useI18n } from './i18n';
import { TextField } from './form-fields';
import { useResource } from './use-resource';

/** One reception as the public rota lists it. */

const WORDS = {
  'zh-CN': {
    title: '代表进站接待安排',
    none: '近期暂无公开的接待安排。',
    places: '剩余名额 {n}',
    full: '已约满',
    book: '预约',
    name: '称呼（可不填）',
    phone: '手机号码',
    topic: '想反映的事（可不填）',
    submit: '确认预约',
    cancel: '取消',
    booked: '预约成功。预约码：{code}。请记下预约码，如需取消，凭预约码和手机号后四位办理。',
    manage: '查看或取消预约',
    RECEPTION_FULL: '本场接待预约已满，请选择其他时间。',
    DUPLICATE: '这个号码已预约了本场接待。',
    RATE_LIMITED: '预约次数已达上限：同一网络每场最多预约 3 个名额，同一号码最多保留 3 个待参加的预约。请先取消不需要的预约，或稍后再试。',
    VALIDATION_FAILED: '请填写正确的手机号码。',
    failed: '预约没有成功，请稍后再试。',
  },
  en: {
    title: 'Deputies on duty at this station',
    none: 'No receptions published for the coming days.',
    places: '{n} places left',
    full: 'Fully booked',
    book: 'Book',
    name: 'Your name (optional)',
    phone: 'Mobile number',
    topic: 'What you would like to raise (optional)',
    submit: 'Confirm booking',
    cancel: 'Cancel',
    booked: 'Booked. Your code: {code}. Keep it: with the last 4 digits of your phone it cancels the booking.',
    manage: 'See or cancel your booking',
    RECEPTION_FULL: 'This reception is fully booked; please choose another time.',
    DUPLICATE: 'This phone already has a place at this reception.',
    RATE_LIMITED:
      'Booking limit reached: at most 3 places of one reception from one network, and 3 upcoming bookings per phone. Cancel a booking you no longer need, or try again later.',
    VALIDATION_FAILED: 'Please enter a valid mobile number.',
    failed: 'The booking did not go through; please try again later.',
  },
} as const;

async function call<T>(method: 'GET' | 'POST', path: string, query?: Record<string, string>, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(withQuery(path, query), {
      method,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Accept-Language': readLanguage(), ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  } catch (cause) {
    throw networkError(cause);
  }
  if (!response.ok) throw await apiErrorFrom(response);
  return (await response.json()) as T;
}

export function StationReceptions({ unitId }: { unitId: string }) {
  const { language } = useI18n();
  const w = WORDS[language === 'en' ? 'en' : 'zh-CN'];
  const say = (text: string, vars: Record<string, string | number> = {}) => text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
  const rota = useResource(`public-receptions:${unitId}`, () => call<PublicReceptionList>('GET', '/api/v1/public/receptions', { unitId }));
  const [open, setOpen] = useState<string | null>(null);
  const [done, setDone] = useState<Record<string, string>>({});
  const items = rota.data?.items ?? [];
  return (
    <section aria-labelledby="rota-title" data-testid="station-rota">
      <h3 id="rota-title">{w.title}</h3>
      {items.length === 0 ? (
        <p className="muted">{w.none}</p>
      ) : (
        <ul className="cards">
          {items.map((r) => (
            <li key={r.id} className="card" data-testid="rota-item">
              <p className="card-title">
                {r.date} {r.startTime}–{r.endTime}
              </p>
              <p className="card-line">{r.deputies.map((d) => d.name).join('、')}</p>
              <p className="card-line muted">{r.available > 0 ? say(w.places, { n: r.available }) : w.full}</p>
              {done[r.id] ? (
                <p className="card-line" role="status">
                  {say(w.booked, { code: done[r.id] })}{' '}
                  <Link to={`/bookings/${done[r.id]}`} data-testid="rota-manage">
                    {w.manage}
                  </Link>
                </p>
              ) : open === r.id ? (
                <BookingForm
                  receptionId={r.id}
                  words={w}
                  onCancel={() => setOpen(null)}
                  onBooked={(code) => {
                    setDone({ ...done, [r.id]: code });
                    setOpen(null);
                    rota.retry();
                  }}
                />
              ) : (
                r.available > 0 && (
                  <button type="button" className="button" onClick={() => setOpen(r.id)} data-testid="rota-book">
                    {w.book}
                  </button>
                )
              )}
            </li>
          ))}
        </ul>
      )}
      {/* Citizens who booked earlier find their booking here to see or cancel it. */}
      <p className="muted">
        <Link to="/bookings" data-testid="rota-my-booking">
          {w.manage}
        </Link>
      </p>
    </section>
  );
}

function BookingForm(props: { receptionId: string; words: (typeof WORDS)[keyof typeof WORDS]; onCancel: () => void; onBooked: (code: string) => void }) {
  const { words: w } = props;
  const id = useId();
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [topic, setTopic] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = { phone: phone.trim(), ...(name.trim() ? { name: name.trim() } : {}), ...(topic.trim() ? { topic: topic.trim() } : {}) };
      const result = await call<BookingCreated>('POST', `/api/v1/public/receptions/${props.receptionId}/bookings`, undefined, body);
      props.onBooked(result.bookingCode);
    } catch (e) {
      const code = e instanceof ApiError ? e.code : '';
      setError(code === 'RECEPTION_FULL' || code === 'DUPLICATE' || code === 'RATE_LIMITED' || code === 'VALIDATION_FAILED' ? w[code] : w.failed);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <TextField id={`${id}-name`} label={w.name} value={name} onChange={(e) => setName(e.target.value)} maxLength={50} autoComplete="name" />
      <TextField
        id={`${id}-phone`}
        label={w.phone}
        value={phone}
        onChange={(e) => setPhone(e.target.value)}
        required
        inputMode="tel"
        autoComplete="tel"
        error={error ?? undefined}
      />
      <TextField id={`${id}-topic`} label={w.topic} value={topic} onChange={(e) => setTopic(e.target.value)} maxLength={200} />
      <p>
        <button type="submit" className="button button-primary" disabled={busy} data-testid="rota-submit">
          {w.submit}
        </button>{' '}
        <button type="button" className="button" onClick={props.onCancel}>
          {w.cancel}
        </button>
      </p>
    </form>
  );
}
