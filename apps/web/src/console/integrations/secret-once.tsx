/** A secret shown once (a new API key or webhook secret), with a copy button. */
import { Alert, Modal, Typography } from 'antd';

export function SecretOnceModal({ title, notice, secret, onClose }: { title: string; notice: string; secret: string | null; onClose: () => void }) {
  return (
    <Modal
      open={!!secret}
      title={title}
      onOk={onClose}
      onCancel={onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
      okButtonProps={{ 'data-testid': 'secret-once-close' }}
      destroyOnHidden
    >
      <Alert type="warning" showIcon message={notice} style={{ marginBottom: 16 }} />
      <Typography.Paragraph copyable={{ text: secret ?? '' }} code data-testid="secret-once">
        {secret}
      </Typography.Paragraph>
    </Modal>
  );
}
