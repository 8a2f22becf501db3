/**
 * antd theme tokens tuned for WCAG AA contrast: antd's default blue, red, green and the
 * light greys of secondary text fall below 4.5:1 on white.
 */
import type { ThemeConfig } from 'antd';

export const consoleTheme: ThemeConfig = {
  token: {
    colorPrimary: '#0958d9',
    colorInfo: '#0958d9',
    colorLink: '#0958d9',
    // antd lightens links on hover and focus, below 4.5:1 on white: darken instead.
    colorLinkHover: '#003eb3',
    colorLinkActive: '#002c8c',
    colorError: '#cf1322',
    colorSuccess: '#237804',
    // antd derives a greyish background from the dark green seed; keep the light tint.
    colorSuccessBg: '#f6ffed',
    colorSuccessBorder: '#b7eb8f',
    colorErrorBg: '#fff1f0',
    colorErrorBorder: '#ffa39e',
    colorWarningBg: '#fff7e6',
    colorWarningBorder: '#ffd591',
    colorWarning: '#ad4e00',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    // 16 px body text (antd derives its small size, 14 px, from it: no 12 px text anywhere) and
    // a 1.5 line height, so a link in running text is a 24 px target (WCAG 2.2 target size).
    fontSize: 16,
  },
};
