/**
 * antd's `App` around the signed-in pages: the `App.useApp()` message, modal and notification
 * hooks and the base text styles. In its own chunk with them (they are not small), so the
 * login page, which needs none of it, loads without.
 */
import type { ReactNode } from 'react';
import { App as AntApp } from 'antd';

export function AppFrame({ children }: { children: ReactNode }) {
  return <AntApp>{children}</AntApp>;
}
