/**
 * Files attached to a reply or an offline opinion: uploaded one by one to
 * `POST /api/v1/attachments` as soon as they are chosen; the form sends their ids.
 */
import { UploadOutlined } from '@ant-design/icons';
import { Button, Upload } from 'antd';
import type { UploadFile, UploadProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UploadedAttachment } from '../../shared/contract-types';
import { useErrorText } from '../common/use-error-text';
import { uploadCaseFile } from './cases-api';

/** Most files per reply or opinion. */
export const MAX_CASE_FILES = 9;

/** Ids of the files that finished uploading. */
export function uploadedIds(files: readonly UploadFile[] | undefined): string[] {
  return (files ?? []).flatMap((f) => (f.status === 'done' && f.response ? [(f.response as UploadedAttachment).id] : []));
}

/** True while a file is still uploading. */
export function uploading(files: readonly UploadFile[] | undefined): boolean {
  return (files ?? []).some((f) => f.status === 'uploading');
}

interface Props {
  value?: UploadFile[];
  onChange?: (files: UploadFile[]) => void;
  testId: string;
  id?: string;
}

export function EvidenceUpload({ value, onChange, testId, id }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const customRequest: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    const blob = file as File;
    uploadCaseFile(blob, blob.name || 'file')
      .then((result) => onSuccess?.(result))
      .catch((error: unknown) => {
        const failure = new Error(errorText(error));
        onError?.(failure);
      });
  };
  return (
    <Upload
      fileList={value ?? []}
      onChange={(info) =>
        onChange?.(
          info.fileList.map((f) => (f.status === 'error' ? { ...f, response: f.error instanceof Error ? f.error.message : (f.response as unknown) } : f)),
        )
      }
      customRequest={customRequest}
      accept="image/jpeg,image/png,image/webp,application/pdf"
      maxCount={MAX_CASE_FILES}
      multiple
    >
      <Button icon={<UploadOutlined aria-hidden />} id={id} data-testid={testId}>
        {t('caseActions.addFiles')}
      </Button>
    </Upload>
  );
}
