/** A page's heading (the one `h1`), its short explanation and optional actions. */
import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';
import { usePageTitle } from './use-page-title';

export function PageHeader({ title, intro, extra }: { title: string; intro?: ReactNode; extra?: ReactNode }) {
  // The heading names the page in the browser tab too.
  usePageTitle(title);
  return (
    <div className="page-header">
      <Flex wrap gap="small" align="center" justify="space-between">
        <Typography.Title level={1} className="page-title">
          {title}
        </Typography.Title>
        {extra}
      </Flex>
      {intro && <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph>}
    </div>
  );
}
