/**
 * Whether this visit came in through a poster's QR code. The poster's link carries `via=qr`;
 * the citizen may wander off the submit form (the station page, the language switch, the
 * bottom navigation) before sending, and links inside the pages do not carry the marker, so it
 * is kept in sessionStorage for the tab's visit. A submission sends `via: 'qr'` then, and the
 * server counts it as 扫码提交; every other submission is a web one, station chosen or not.
 */
const KEY = 'lianxin.via';

/** Remembers a QR entry when the URL's query carries the marker. */
export function rememberEntry(search: string): void {
  if (new URLSearchParams(search).get('via') !== 'qr') return;
  try {
    window.sessionStorage.setItem(KEY, 'qr');
  } catch {
    // storage unavailable (private mode): only the landing URL itself still counts
  }
}

/** How this submission reached the form: the URL's marker or one remembered from the landing. */
export function entryVia(search: string): 'qr' | 'web' {
  if (new URLSearchParams(search).get('via') === 'qr') return 'qr';
  try {
    return window.sessionStorage.getItem(KEY) === 'qr' ? 'qr' : 'web';
  } catch {
    return 'web';
  }
}

/** One scan, one QR submission: a further opinion in the same visit is a web one. */
export function forgetEntry(): void {
  try {
    window.sessionStorage.removeItem(KEY);
  } catch {
    // nothing remembered
  }
}
