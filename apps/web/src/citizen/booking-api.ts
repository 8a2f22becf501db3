/** The citizen's own reception booking: look it up and cancel it with the code and the phone's last 4 digits. */
import type { OwnBooking } from '@lianxin/contracts';
import { apiErrorFrom, networkError } from '../shared/api-error';
import { readLanguage } from '../shared/language';

/** A booking as the public API shows it. */
export type PublicBooking = OwnBooking;

async function post(path: string, body: unknown): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Accept-Language': readLanguage(), 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch (cause) {
    throw networkError(cause);
  }
  if (!response.ok) throw await apiErrorFrom(response);
  return response;
}

/** The booking behind `code` when `verify` matches (POST keeps the digits out of URLs). */
export async function findBooking(code: string, verify: string): Promise<PublicBooking> {
  return (await (await post(`/api/v1/public/bookings/${encodeURIComponent(code)}`, { verify })).json()) as PublicBooking;
}

/** Cancels the booking; the place is freed at once. */
export async function cancelBooking(code: string, verify: string): Promise<void> {
  await post(`/api/v1/public/bookings/${encodeURIComponent(code)}/cancel`, { verify });
}
