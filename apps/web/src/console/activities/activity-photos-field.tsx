/**
 * An activity's photos as a form control: the ones already kept (served from the activity)
 * and new ones, each uploaded to `POST /api/v1/attachments` as soon as it is chosen.
 */
import { UploadOutlined } from '@ant-design/icons';
import { Button, Upload } from 'antd';
import type { UploadFile, UploadProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UploadedAttachment } from '../../shared/contract-types';
import { uploadCaseFile } from '../cases/cases-api';
import { uploadedIds } from '../cases/evidence-upload';
import { useErrorText } from '../common/use-error-text';
import { activityPhotoUrl } from '../duty/edit-api';

/** Most photos per activity. */
export const MAX_ACTIVITY_PHOTOS = 9;

/** The upload list of an activity's stored photos. */
export function storedPhotos(activityId: string, photoIds: readonly string[]): UploadFile[] {
  return photoIds.map((id, i) => {
    const url = activityPhotoUrl(activityId, id);
    return { uid: id, name: `${i + 1}.jpg`, status: 'done', url, thumbUrl: url, response: { id } satisfies Pick<UploadedAttachment, 'id'> };
  });
}

/** Ids of the photos to keep and the ones uploaded. */
export const photoIdsOf = uploadedIds;

interface Props {
  value?: UploadFile[];
  onChange?: (files: UploadFile[]) => void;
  id?: string;
}

export function ActivityPhotosField({ value, onChange, id }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const customRequest: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    const blob = file as File;
    uploadCaseFile(blob, blob.name || 'photo.jpg')
      .then((result) => onSuccess?.(result))
      .catch((error: unknown) => onError?.(new Error(errorText(error))));
  };
  return (
    <Upload
      listType="picture"
      fileList={value ?? []}
      onChange={(info) => onChange?.(info.fileList)}
      customRequest={customRequest}
      accept="image/jpeg,image/png,image/webp"
      maxCount={MAX_ACTIVITY_PHOTOS}
      multiple
    >
      {(value?.length ?? 0) < MAX_ACTIVITY_PHOTOS && (
        <Button icon={<UploadOutlined aria-hidden />} id={id} data-testid="activity-photos-add">
          {t('duty.edit.activity.addPhotos')}
        </Button>
      )}
    </Upload>
  );
}
