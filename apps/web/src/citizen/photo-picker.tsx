/** The photo/PDF field of the submit form: a file input and the list of chosen files with progress. */
import { useId } from 'react';
import { useI18n } from './i18n';
import { MAX_FILES } from './image-compress';
import { errorText } from './messages';
import type { PhotoItem, PhotoRejection } from './use-photo-uploads';

interface Props {
  id: string;
  items: PhotoItem[];
  rejections: PhotoRejection[];
  error?: string;
  onAdd: (files: File[]) => void;
  onRemove: (key: string) => void;
}

export function PhotoPicker({ id, items, rejections, error, onAdd, onRemove }: Props) {
  const { t } = useI18n();
  const hintId = useId();
  const errorId = useId();
  const full = items.length >= MAX_FILES;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{t('photosLabel', { max: MAX_FILES })}</label>
      <p id={hintId} className="hint">
        {t('photosHint')}
      </p>
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
      <input
        id={id}
        type="file"
        className="file-input"
        accept="image/jpeg,image/png,image/webp,application/pdf"
        multiple
        disabled={full}
        aria-describedby={error ? `${hintId} ${errorId}` : hintId}
        aria-invalid={error ? true : undefined}
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          event.target.value = '';
          if (files.length > 0) onAdd(files);
        }}
        data-testid="submit-photo-input"
      />
      <div aria-live="polite">
        {rejections.map((r) => (
          <p key={`${r.key}-${String(r.vars.name ?? '')}`} className="field-error">
            {t(r.key, r.vars)}
          </p>
        ))}
      </div>
      {items.length > 0 && (
        <ul className="photos" data-testid="submit-photos">
          {items.map((item, index) => (
            <li key={item.key} className="photo" data-testid={`submit-photo-${index}`}>
              {item.previewUrl ? <img src={item.previewUrl} alt="" className="photo-thumb" /> : <span className="photo-thumb photo-pdf">PDF</span>}
              <div className="photo-body">
                <span className="photo-name">{item.name}</span>
                {item.status === 'uploading' && (
                  <progress max={100} value={Math.round(item.progress * 100)} aria-label={t('photoProgressLabel', { name: item.name })} />
                )}
                <span className={item.status === 'error' ? 'field-error' : 'muted'} role="status">
                  {item.status === 'preparing' && t('photoPreparing')}
                  {item.status === 'uploading' && t('photoUploading', { percent: Math.round(item.progress * 100) })}
                  {item.status === 'done' && t('photoDone')}
                  {item.status === 'error' && t('photoFailed', { message: errorText(item.error, t) })}
                </span>
              </div>
              <button
                type="button"
                className="button button-ghost button-small"
                aria-label={t('photoRemoveLabel', { name: item.name })}
                onClick={() => onRemove(item.key)}
                data-testid={`submit-photo-remove-${index}`}
              >
                {t('photoRemove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
