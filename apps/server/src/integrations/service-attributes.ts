/**
 * Per-category Open311 attributes (GeoReport v2 service definitions): which a service asks
 * (a leaf category's own after its parent's), checking the values a request gives
 * (`attribute[code]=…`, `attribute[code][]=…` for multivaluelist), and showing stored
 * values with their questions and choice names on the case page.
 */
import type { CategoryAttribute, CategoryRecord, Repositories } from '@lianxin/storage';

/** A value as given: one text, or several for a multivaluelist. */
export type AttributeValue = string | string[];

/** W3C datetime with a zone (the spec's datetime). */
const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;
/** Longest free-text values kept. */
const MAX_STRING = 200;
const MAX_TEXT = 2000;

/**
 * The attributes a service asks: its parent's, then its own (its own win on a shared
 * code), in their configured order.
 */
export function serviceAttributes(category: CategoryRecord, parent: CategoryRecord | undefined): CategoryAttribute[] {
  const byCode = new Map<string, CategoryAttribute>();
  for (const a of [...(parent?.attributes ?? []), ...category.attributes]) byCode.set(a.code, a);
  return [...byCode.values()].sort((a, b) => a.order - b.order || a.code.localeCompare(b.code));
}

/** `attribute[code]` and `attribute[code][]` fields of a POST as values by code. */
export function givenAttributes(fields: Record<string, string | string[] | undefined>): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [key, value] of Object.entries(fields)) {
    const match = /^attribute\[([A-Za-z0-9_]+)\](\[\])?$/.exec(key);
    if (!match || value === undefined) continue;
    const values = (Array.isArray(value) ? value : [value]).map((v) => String(v).trim());
    const code = match[1];
    if (match[2]) out[code] = [...((out[code] as string[] | undefined) ?? []), ...values];
    else out[code] = values.length > 1 ? values : (values[0] ?? '');
  }
  return out;
}

const isEmpty = (v: AttributeValue | undefined) => v === undefined || (Array.isArray(v) ? v.every((x) => x === '') : v === '');

/**
 * The values a request gives for `attributes`, checked against their datatypes; problems
 * in the spec's words (one description per attribute). Values of codes the service does
 * not ask are not returned (the caller keeps the built-in ones).
 */
export function checkAttributeValues(
  attributes: readonly CategoryAttribute[],
  given: Record<string, AttributeValue>,
): { values: Record<string, AttributeValue>; problems: string[] } {
  const values: Record<string, AttributeValue> = {};
  const problems: string[] = [];
  for (const a of attributes) {
    const value = given[a.code];
    const name = `attribute[${a.code}]`;
    if (isEmpty(value)) {
      if (a.required) problems.push(`${name} is required: ${a.description}`);
      continue;
    }
    const list = (Array.isArray(value) ? value : [value]).filter((v) => v !== '');
    if (a.datatype !== 'multivaluelist' && list.length > 1) {
      problems.push(`${name} takes one value.`);
      continue;
    }
    const one = list[0];
    const keys = new Set(a.values.map((v) => v.key));
    switch (a.datatype) {
      case 'string':
      case 'text': {
        const max = a.datatype === 'string' ? MAX_STRING : MAX_TEXT;
        if (Array.from(one).length > max) problems.push(`${name} is too long (at most ${max} characters).`);
        else values[a.code] = one;
        break;
      }
      case 'number':
        if (!/^-?\d+(\.\d+)?$/.test(one) || !Number.isFinite(Number(one))) problems.push(`${name} must be a number.`);
        else values[a.code] = one;
        break;
      case 'datetime':
        if (!W3C_DATETIME.test(one) || Number.isNaN(Date.parse(one))) problems.push(`${name} must be a W3C datetime, e.g. 2026-03-01T20:00:00+08:00.`);
        else values[a.code] = one;
        break;
      case 'singlevaluelist':
        if (!keys.has(one)) problems.push(`${name} "${one}" is not one of the listed values.`);
        else values[a.code] = one;
        break;
      case 'multivaluelist': {
        const unknown = list.filter((v) => !keys.has(v));
        if (unknown.length) problems.push(`${name} "${unknown.join(', ')}" is not among the listed values.`);
        else values[a.code] = [...new Set(list)];
        break;
      }
    }
  }
  return { values, problems };
}

/** One answered attribute as the case page shows it. */
export interface AnsweredAttribute {
  code: string;
  /** The question (the attribute's description), or the code if the category no longer asks it. */
  label: string;
  /** The value, list keys shown by their names. */
  value: string;
}

/** Stored values of the attributes a service asks, in the service's order, then any it no longer asks. */
export function answeredAttributes(attributes: readonly CategoryAttribute[], stored: Record<string, unknown>, skip: readonly string[]): AnsweredAttribute[] {
  const out: AnsweredAttribute[] = [];
  const seen = new Set<string>(skip);
  const text = (v: unknown): string[] =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' || typeof v === 'number' ? [String(v)] : [];
  for (const a of attributes) {
    seen.add(a.code);
    const values = text(stored[a.code]).filter(Boolean);
    if (!values.length) continue;
    const names = new Map(a.values.map((v) => [v.key, v.name]));
    out.push({ code: a.code, label: a.description, value: values.map((v) => names.get(v) ?? v).join('、') });
  }
  for (const [code, v] of Object.entries(stored)) {
    if (seen.has(code)) continue;
    const values = text(v).filter(Boolean);
    if (values.length) out.push({ code, label: code, value: values.join('、') });
  }
  return out;
}

/** The answers a case filed through Open311 gave to its category's attributes (empty for other channels). */
export async function caseAttributeAnswers(
  repos: Repositories,
  record: { id: string; channel: string; categoryId: string | null },
  skip: readonly string[],
): Promise<AnsweredAttribute[]> {
  if (record.channel !== 'open311') return [];
  const request = await repos.open311.findByCase(record.id);
  if (!request) return [];
  // Asked by the service it was filed under (the case's category may have changed since).
  const category = await repos.categories.find(request.serviceCode);
  const parent = category?.parentId ? await repos.categories.find(category.parentId) : undefined;
  return answeredAttributes(category ? serviceAttributes(category, parent) : [], request.attributes, skip);
}
