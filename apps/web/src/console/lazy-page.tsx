/**
 * Route-level code splitting: `lazyPage(() => import('./x-page'), 'XPage')` is a component that
 * loads its module (one chunk per page) the first time it is shown; until then the nearest
 * `<Suspense fallback={<PageLoading />}>` shows a visible "加载中…".
 */
import { lazy } from 'react';
import type { ComponentType, LazyExoticComponent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Component `name` of the module `load` brings, loaded (as its own chunk) on first use. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any props, kept by M[K]
export function lazyPage<M extends Record<K, ComponentType<any>>, K extends keyof M>(load: () => Promise<M>, name: K): LazyExoticComponent<M[K]> {
  return lazy(async () => ({ default: (await load())[name] }));
}

/**
 * Like `lazyPage` for a page signed-in users see at the top (the console's frame, print pages):
 * it comes inside app-frame.tsx (antd's configuration and `App`), loaded beside it — the login
 * page does without antd.
 */
export function lazyFramedPage<M extends Record<K, ComponentType>, K extends keyof M>(load: () => Promise<M>, name: K): LazyExoticComponent<ComponentType> {
  return lazy(async () => {
    const [module, { AppFrame }] = await Promise.all([load(), import('./app-frame')]);
    const Page: ComponentType = module[name];
    return {
      default: function Framed() {
        return (
          <AppFrame>
            <Page />
          </AppFrame>
        );
      },
    };
  });
}

/**
 * What shows while a page's chunk is on its way: a spinner and "加载中…". Plain HTML and CSS, as it
 * comes with the entry; inside the signed-in frame `spinner` is antd's.
 */
export function PageLoading({ spinner }: { spinner?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="console-center page-loading" role="status" aria-live="polite" data-testid="page-loading">
      {spinner ?? <span className="lx-spinner" aria-hidden="true" />}
      <span>{t('common.loading')}</span>
    </div>
  );
}
