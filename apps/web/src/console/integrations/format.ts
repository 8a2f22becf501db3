/** Date-time display shared by the integrations panels. */
export function formatDateTime(iso: string | null, language: string, empty: string): string {
  return iso ? new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) : empty;
}
