/**
 * A create/edit form in a drawer. Handles submitting, the success message, refreshing the
 * lists, field errors from a 400, and the "someone else changed this record" conflict.
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import { Alert, App, Button, Drawer, Flex, Form } from 'antd';
import type { FormInstance } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { applyFieldErrors } from './form-errors';
import { useDetailText, useErrorText } from './use-error-text';

interface Problem {
  text: string;
  extra: string[];
  conflict: boolean;
}

interface Props<V> {
  title: string;
  /** Test id of the form; the submit button gets `<testId>-submit`. */
  testId: string;
  form: FormInstance<V>;
  initialValues: Partial<V>;
  onSubmit: (values: V) => Promise<unknown>;
  onClose: () => void;
  /** Query key prefixes to refresh after saving, e.g. `[['units']]`. */
  reloadKeys: readonly (readonly unknown[])[];
  successText?: string;
  submitText?: string;
  children: ReactNode;
}

export function FormDrawer<V extends object>({
  title,
  testId,
  form,
  initialValues,
  onSubmit,
  onClose,
  reloadKeys,
  successText,
  submitText,
  children,
}: Props<V>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const errorText = useErrorText();
  const detailText = useDetailText();
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  const reload = async () => {
    await Promise.all(reloadKeys.map((queryKey) => client.invalidateQueries({ queryKey })));
  };

  const handleFinish = async (values: V) => {
    setProblem(null);
    setSubmitting(true);
    try {
      await onSubmit(values);
      void message.success(successText ?? t('common.saved'));
      await reload();
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') {
        const unmatched = applyFieldErrors(form, error.details, detailText);
        const extra = unmatched.map((d) => (d.path ? `${d.path}: ${detailText(d)}` : detailText(d)));
        setProblem({ text: errorText(error), extra, conflict: false });
      } else {
        const conflict = error instanceof ApiError && error.code === 'VERSION_CONFLICT';
        setProblem({ text: errorText(error), extra: [], conflict });
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Drawer open title={title} onClose={onClose} size="min(560px, 100vw)" destroyOnHidden>
      <Form<V>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(values) => void handleFinish(values)}
        data-testid={testId}
        // antd validates; the browser's own bubbles would ignore the language switch.
        noValidate
        scrollToFirstError
      >
        {children}
        {problem && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={problem.text}
            description={problem.extra.length > 0 ? problem.extra.join('；') : undefined}
            action={
              problem.conflict ? (
                <Button size="small" onClick={() => void reload().then(onClose)} data-testid={`${testId}-reload`}>
                  {t('common.reload')}
                </Button>
              ) : undefined
            }
            style={{ marginBottom: 16 }}
            data-testid={`${testId}-error`}
          />
        )}
        <Flex gap="small" justify="flex-end">
          <Button onClick={onClose} data-testid={`${testId}-cancel`}>
            {t('common.cancel')}
          </Button>
          <Button type="primary" htmlType="submit" loading={submitting} data-testid={`${testId}-submit`}>
            {submitText ?? t('common.save')}
          </Button>
        </Flex>
      </Form>
    </Drawer>
  );
}
