/**
 * Puts a 400's `details[].path` onto the fields of an antd form. Paths are dotted
 * (`contact.phone`, `brands.0`); each goes to the longest registered field name that
 * prefixes it. Details no field claims are returned for a general message.
 */
import type { FormInstance } from 'antd';
import type { ApiErrorDetail } from '../../shared/api-error';

/** Applies `details` to `form`; returns the details that matched no field. */
export function applyFieldErrors(form: FormInstance, details: readonly ApiErrorDetail[], describe: (detail: ApiErrorDetail) => string): ApiErrorDetail[] {
  const registered = form.getFieldsError().map((field) => field.name.map(String));
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const unmatched: ApiErrorDetail[] = [];

  for (const detail of details) {
    const segments = detail.path ? detail.path.split('.') : [];
    let match: string[] | undefined;
    for (let length = segments.length; length > 0 && !match; length -= 1) {
      const prefix = segments.slice(0, length);
      match = registered.find((name) => name.length === prefix.length && name.every((s, i) => s === prefix[i]));
    }
    if (!match) {
      unmatched.push(detail);
      continue;
    }
    const key = match.join('.');
    const entry = byField.get(key) ?? { name: match, errors: [] };
    const text = describe(detail);
    if (!entry.errors.includes(text)) entry.errors.push(text);
    byField.set(key, entry);
  }

  form.setFields([...byField.values()].map(({ name, errors }) => ({ name, errors })));
  return unmatched;
}
