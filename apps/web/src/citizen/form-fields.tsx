/**
 * Labelled form controls of the citizen pages: a visible label, an optional hint and an
 * error tied to the control with `aria-describedby`, `aria-invalid` when wrong.
 */
import { useId } from 'react';
import type { InputHTMLAttributes, ReactNode, Ref, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { useI18n } from './i18n';

interface FieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  required?: boolean;
  /** Extra content under the control (e.g. a character counter). */
  after?: ReactNode;
  /** Id of an element that also describes the control. */
  describedBy?: string;
}

function useDescription(props: FieldProps) {
  const hintId = useId();
  const errorId = useId();
  const ids = [props.hint ? hintId : null, props.error ? errorId : null, props.describedBy ?? null].filter(Boolean).join(' ');
  return { hintId, errorId, describedBy: ids || undefined };
}

function Frame({ props, hintId, errorId, children }: { props: FieldProps; hintId: string; errorId: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className={`field${props.error ? ' field-invalid' : ''}`}>
      <label htmlFor={props.id}>
        {props.label}
        {props.required && (
          <span className="required" aria-hidden="true">
            {' '}
            *
          </span>
        )}
        {props.required && <span className="visually-hidden">（{t('required')}）</span>}
      </label>
      {props.hint && (
        <p id={hintId} className="hint">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={errorId} className="field-error">
          {props.error}
        </p>
      )}
      {children}
      {props.after}
    </div>
  );
}

/** A one-line text box. */
export function TextField(props: FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>) {
  const { id, label: _label, hint: _hint, error, required, after: _after, describedBy: _d, ...rest } = props;
  const d = useDescription(props);
  return (
    <Frame props={props} hintId={d.hintId} errorId={d.errorId}>
      <input
        id={id}
        className="input"
        aria-describedby={d.describedBy}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        {...rest}
      />
    </Frame>
  );
}

/** A multi-line text box. */
export function TextAreaField(props: FieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>) {
  const { id, label: _label, hint: _hint, error, required, after: _after, describedBy: _d, ...rest } = props;
  const d = useDescription(props);
  return (
    <Frame props={props} hintId={d.hintId} errorId={d.errorId}>
      <textarea
        id={id}
        className="input textarea"
        aria-describedby={d.describedBy}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        {...rest}
      />
    </Frame>
  );
}

/** A drop-down list. */
export function SelectField(props: FieldProps & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'>) {
  const { id, label: _label, hint: _hint, error, required, after: _after, describedBy: _d, children, ...rest } = props;
  const d = useDescription(props);
  return (
    <Frame props={props} hintId={d.hintId} errorId={d.errorId}>
      <select
        id={id}
        className="input"
        aria-describedby={d.describedBy}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        {...rest}
      >
        {children}
      </select>
    </Frame>
  );
}

/** One problem in an error summary: the field's label and what is wrong, linking to the field. */
export interface SummaryItem {
  fieldId?: string;
  text: string;
}

/** The list of problems at the top of a form; it takes focus so screen readers announce it. */
export function ErrorSummary({ title, items, innerRef, testId }: { title: string; items: SummaryItem[]; innerRef: Ref<HTMLDivElement>; testId: string }) {
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={innerRef} data-testid={testId}>
      <h3 className="error-summary-title">{title}</h3>
      <ul>
        {items.map((item, index) => (
          <li key={`${item.fieldId ?? 'form'}-${index}`}>
            {item.fieldId ? (
              <a
                href={`#${item.fieldId}`}
                onClick={(event) => {
                  event.preventDefault();
                  document.getElementById(item.fieldId ?? '')?.focus();
                }}
              >
                {item.text}
              </a>
            ) : (
              item.text
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
