/**
 * `/console/login`: username and password; errors are shown by code in the current language.
 *
 * It comes with the console's entry chunk, which a cheap phone on a slow link has to download
 * before anyone can sign in, so it is plain HTML and CSS (console.css, styled like the antd
 * console it leads to): no antd, which the signed-in pages load (app-frame.tsx).
 */
import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { usePageTitle } from './common/use-page-title';
import { useErrorText } from './common/use-error-text';
import { useLanguage } from './language-provider';
import { useLogin, useSession } from './session/use-session';

type Field = 'username' | 'password';

/** Where to go after signing in: the page that sent us here, if it was a console page. */
function targetFrom(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('/login') ? from : '/';
}

/** The zh-CN / English toggle of the login page (the signed-in header has an antd one). */
function LoginLanguageSwitch() {
  const { t } = useTranslation();
  const { language, setLanguage } = useLanguage();
  const other = language === 'en' ? 'zh-CN' : 'en';
  return (
    <button type="button" className="login-lang" lang={other} aria-label={t('lang.switchLabel')} onClick={() => setLanguage(other)} data-testid="lang-switch">
      {t('lang.switchTo')}
    </button>
  );
}

export function LoginPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const location = useLocation();
  const { user } = useSession();
  const login = useLogin();
  const target = targetFrom(location.state);
  const [missing, setMissing] = useState<Set<Field>>(new Set());
  // Older users mistype on phones: they may look at what they typed (antd's password box offered this too).
  const [showPassword, setShowPassword] = useState(false);
  const inputs = { username: useRef<HTMLInputElement>(null), password: useRef<HTMLInputElement>(null) };
  usePageTitle(t('login.title'));

  if (user) return <Navigate to={target} replace />;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const username = inputs.username.current?.value ?? '';
    const password = inputs.password.current?.value ?? '';
    const empty = new Set<Field>();
    if (!username.trim()) empty.add('username');
    if (!password) empty.add('password');
    setMissing(empty);
    if (empty.size) {
      inputs[empty.has('username') ? 'username' : 'password'].current?.focus();
      return;
    }
    login.mutate({ username: username.trim(), password }, { onSuccess: () => void navigate(target, { replace: true }) });
  };
  const clear = (field: Field) => {
    if (missing.has(field)) setMissing(new Set([...missing].filter((f) => f !== field)));
  };
  const field = (name: Field, label: string, required: string, type: string, autoComplete: string) => (
    <div className="login-field">
      <label htmlFor={`login-${name}`}>{label}</label>
      <div className="login-input">
        <input
          ref={inputs[name]}
          id={`login-${name}`}
          name={name}
          type={type}
          autoComplete={autoComplete}
          autoFocus={name === 'username'}
          aria-required="true"
          aria-invalid={missing.has(name) || undefined}
          aria-describedby={missing.has(name) ? `login-${name}-error` : undefined}
          onChange={() => clear(name)}
          data-testid={`login-${name}`}
        />
        {name === 'password' && (
          <button
            type="button"
            className="login-reveal"
            aria-pressed={showPassword}
            aria-controls="login-password"
            onClick={() => setShowPassword(!showPassword)}
            data-testid="login-password-reveal"
          >
            {showPassword ? t('login.hidePassword') : t('login.showPassword')}
          </button>
        )}
      </div>
      {missing.has(name) && (
        <div id={`login-${name}-error`} className="login-field-error" role="alert">
          {required}
        </div>
      )}
    </div>
  );

  return (
    <div className="login-shell">
      <header className="login-header">
        <strong className="login-brand">{t('app.title')}</strong>
        <LoginLanguageSwitch />
      </header>
      <main className="login-main">
        <section className="login-card" aria-labelledby="login-title">
          <h1 id="login-title" className="page-title login-title">
            {t('login.title')}
          </h1>
          <p className="login-subtitle">{t('login.subtitle')}</p>
          <form className="login-form" noValidate onSubmit={onSubmit} data-testid="login-form">
            {field('username', t('login.username'), t('login.usernameRequired'), 'text', 'username')}
            {field('password', t('login.password'), t('login.passwordRequired'), showPassword ? 'text' : 'password', 'current-password')}
            {login.error && (
              <div className="login-alert" role="alert" data-testid="login-error">
                {errorText(login.error)}
              </div>
            )}
            <button type="submit" className="login-submit" aria-busy={login.isPending || undefined} disabled={login.isPending} data-testid="login-submit">
              {login.isPending && <span className="lx-spinner lx-spinner-small" aria-hidden="true" />}
              {t('login.submit')}
            </button>
          </form>
        </section>
      </main>
    </div>
  );
}
