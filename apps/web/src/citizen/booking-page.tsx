/**
 * `/m/bookings/:code?`: a citizen sees their reception booking (code + the phone's last 4
 * digits, which the server checks and rate-limits like tracking) and cancels it.
 */
import { useId, useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { ApiError } from '../shared/api-error';
import { bookingText } from './booking-messages';
import { cancelBooking, findBooking, type PublicBooking } from './booking-api';
import { TextField } from './form-fields';
import { useI18n } from './i18n';
import { useDocumentTitle } from './use-document-title';

export function BookingPage() {
  const { language } = useI18n();
  const w = bookingText(language);
  useDocumentTitle(w('title'));
  const params = useParams();
  const id = useId();
  const [code, setCode] = useState(params.code ?? '');
  const [verify, setVerify] = useState('');
  const [errors, setErrors] = useState<{ code?: string; verify?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const [booking, setBooking] = useState<PublicBooking | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState(false);

  const failure = (e: unknown) => {
    const c = e instanceof ApiError ? e.code : '';
    return c === 'RESOURCE_NOT_FOUND' ? w('notFound') : c === 'RATE_LIMITED' ? w('limited') : c === 'ACTION_NOT_ALLOWED' ? w('notCancellable') : w('failed');
  };
  const find = async (event: FormEvent) => {
    event.preventDefault();
    const next = { ...(code.trim() ? {} : { code: w('errCode') }), ...(/^\d{4}$/.test(verify.trim()) ? {} : { verify: w('errVerify') }) };
    setErrors(next);
    if (Object.keys(next).length) return;
    setBusy(true);
    try {
      setBooking(await findBooking(code.trim(), verify.trim()));
      setDone(false);
    } catch (e) {
      setBooking(null);
      setErrors({ form: failure(e) });
    } finally {
      setBusy(false);
    }
  };
  const cancel = async () => {
    if (!booking) return;
    setBusy(true);
    try {
      await cancelBooking(booking.bookingCode, verify.trim());
      setBooking({ ...booking, status: 'cancelled', cancellable: false });
      setDone(true);
    } catch (e) {
      setErrors({ form: failure(e) });
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  const r = booking?.reception;
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{w('title')}</h2>
      <p className="muted">{w('intro')}</p>
      <form onSubmit={(e) => void find(e)} noValidate data-testid="booking-find">
        <TextField
          id={`${id}-code`}
          label={w('code')}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          required
          maxLength={20}
          error={errors.code}
          autoCapitalize="characters"
        />
        <TextField
          id={`${id}-verify`}
          label={w('verify')}
          value={verify}
          onChange={(e) => setVerify(e.target.value)}
          required
          inputMode="numeric"
          maxLength={4}
          autoComplete="off"
          error={errors.verify}
        />
        <p>
          <button type="submit" className="button button-primary" disabled={busy} data-testid="booking-find-submit">
            {w('find')}
          </button>
        </p>
      </form>
      {errors.form && (
        <p className="status status-error" role="alert" data-testid="booking-error">
          {errors.form}
        </p>
      )}
      {booking && r && (
        <div className="card" data-testid="booking-view">
          <dl>
            <dt>{w('when')}</dt>
            <dd>
              {r.date} {r.startTime}–{r.endTime}
            </dd>
            <dt>{w('where')}</dt>
            <dd>
              {r.unitName}
              {r.address ? `（${r.address}）` : ''}
            </dd>
            <dt>{w('deputies')}</dt>
            <dd>{r.deputies.map((d) => d.name).join('、')}</dd>
            {booking.topic && (
              <>
                <dt>{w('topic')}</dt>
                <dd>{booking.topic}</dd>
              </>
            )}
            <dt>{w('status')}</dt>
            <dd data-testid="booking-status">{w(booking.status)}</dd>
          </dl>
          {r.status === 'cancelled' && <p className="muted">{w('receptionCancelled')}</p>}
          {done && (
            <p role="status" data-testid="booking-done">
              {w('done')}
            </p>
          )}
          {booking.cancellable &&
            (confirming ? (
              <div role="group" aria-label={w('confirm')}>
                <p>{w('confirm')}</p>
                <button type="button" className="button button-primary" disabled={busy} onClick={() => void cancel()} data-testid="booking-cancel-yes">
                  {w('confirmYes')}
                </button>{' '}
                <button type="button" className="button" onClick={() => setConfirming(false)}>
                  {w('keep')}
                </button>
              </div>
            ) : (
              <button type="button" className="button" onClick={() => setConfirming(true)} data-testid="booking-cancel">
                {w('cancel')}
              </button>
            ))}
          {!booking.cancellable && booking.status === 'booked' && <p className="muted">{w('notCancellable')}</p>}
        </div>
      )}
    </section>
  );
}
