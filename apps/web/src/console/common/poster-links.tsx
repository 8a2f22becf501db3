/**
 * "二维码海报": download links of the printable QR poster (PNG and SVG) of a station, point
 * or deputy. The QR code opens the citizen submit page with that station or deputy filled in.
 */
import { QrcodeOutlined } from '@ant-design/icons';
import { Space } from 'antd';
import { useTranslation } from 'react-i18next';

interface Props {
  /** `units` or `deputies`. */
  resource: 'units' | 'deputies';
  id: string;
  name: string;
  /** Prefix of the test ids: `<prefix>-poster-png-<id>`, `<prefix>-poster-svg-<id>`. */
  testIdPrefix: string;
}

export function PosterLinks({ resource, id, name, testIdPrefix }: Props) {
  const { t } = useTranslation();
  return (
    <Space size={4} className="poster-links">
      <QrcodeOutlined aria-hidden />
      {(['png', 'svg'] as const).map((format) => (
        <a key={format} href={`/api/v1/${resource}/${encodeURIComponent(id)}/poster.${format}`} download data-testid={`${testIdPrefix}-poster-${format}-${id}`}>
          {format.toUpperCase()}
          <span className="visually-hidden">{t('posters.downloadLabel', { name })}</span>
        </a>
      ))}
    </Space>
  );
}
