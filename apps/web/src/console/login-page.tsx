/**
 * `/console/login`: username and password; errors are shown by code in the current language.
 * It comes with the console's entry chunk, so it uses few antd components (no Card, Typography
 * or Flex — plain elements styled in console.css) to keep the first load small.
 */
import { Alert, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from './common/use-page-title';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useErrorText } from './common/use-error-text';
import { LanguageSwitch } from './language-switch';
import { useLogin, useSession } from './session/use-session';

interface LoginValues {
  username: string;
  password: string;
}

/** Where to go after signing in: the page that sent us here, if it was a console page. */
function targetFrom(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('/login') ? from : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const location = useLocation();
  const { user } = useSession();
  const login = useLogin();
  const target = targetFrom(location.state);
  usePageTitle(t('login.title'));

  if (user) return <Navigate to={target} replace />;

  const onFinish = (values: LoginValues) => {
    login.mutate({ username: values.username.trim(), password: values.password }, { onSuccess: () => void navigate(target, { replace: true }) });
  };

  return (
    <div className="login-shell">
      <header className="login-header">
        <strong className="login-brand">{t('app.title')}</strong>
        <LanguageSwitch light />
      </header>
      <main className="login-main">
        <section className="login-card" aria-labelledby="login-title">
          <h1 id="login-title" className="page-title login-title">
            {t('login.title')}
          </h1>
          <p className="login-subtitle">{t('login.subtitle')}</p>
          <Form<LoginValues> layout="vertical" onFinish={onFinish} requiredMark={false} data-testid="login-form">
            <Form.Item label={t('login.username')} name="username" rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
              <Input autoComplete="username" autoFocus size="large" data-testid="login-username" />
            </Form.Item>
            <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password autoComplete="current-password" size="large" data-testid="login-password" />
            </Form.Item>
            {login.error && <Alert type="error" showIcon role="alert" title={errorText(login.error)} style={{ marginBottom: 16 }} data-testid="login-error" />}
            <Button type="primary" htmlType="submit" size="large" block loading={login.isPending} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </Form>
        </section>
      </main>
    </div>
  );
}
