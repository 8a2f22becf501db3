import { formatDateTime as chinaDateTime } from '../../shared/format';

/** Date-time display shared by the integrations panels: China time, or `empty` for nothing. */
export function formatDateTime(iso: string | null, _language: string, empty: string): string {
  return iso ? chinaDateTime(iso) : empty;
}
