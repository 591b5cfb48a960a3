// Files in the widget: the attach button (a file input behind a paper-clip button), sending what
// was chosen, pasted or dropped (one message per file), and a message's file: an image as a
// thumbnail that opens the full-size image, any other file as a download link with name and size.
// URLs are signed and expire: each view asks the client for them (cached there) when it shows.
import { createContext } from 'preact';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import type { Attachment, FileUrls } from '@palique/protocol';
import { ErrorCode } from '@palique/protocol/errors';
import { FileError, formatFileSize } from '@palique/client';
import type { Texts } from './texts';

export type FileUrlLookup = (fileId: string) => Promise<FileUrls>;
export const FileUrlsContext = createContext<FileUrlLookup | null>(null);

const THUMB = 200;

export function AttachmentView({ a, t }: { a: Attachment; t: Texts }) {
  const lookup = useContext(FileUrlsContext);
  const [urls, setUrls] = useState<FileUrls | null>(null);
  const [tries, setTries] = useState(0);
  useEffect(() => {
    let live = true;
    lookup?.(a.id).then(
      (u) => live && setUrls(u),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [lookup, a.id, tries]);
  // An expired URL (a page left open for hours) is asked for again, once.
  const retry = () => tries === 0 && setTries(1);
  if (a.kind === 'image') {
    const scale = Math.min(1, THUMB / Math.max(a.width ?? THUMB, a.height ?? THUMB));
    return (
      <a class="attachment attachment--image" href={urls?.url} target="_blank" rel="noopener noreferrer" title={`${t.openImage}: ${a.name}`}>
        {urls?.thumbnailUrl && <img src={urls.thumbnailUrl} alt={a.name} width={Math.round((a.width ?? THUMB) * scale)} height={Math.round((a.height ?? THUMB) * scale)} onError={retry} />}
      </a>
    );
  }
  return (
    <a class="attachment attachment--file" href={urls?.url} download={a.name} rel="noopener noreferrer" title={`${t.downloadFile}: ${a.name}`}>
      <span class="attachment__name">{a.name}</span> <span class="attachment__size">{formatFileSize(a.size)}</span>
    </a>
  );
}

/** Sends files one message each; what it is doing (or what went wrong) as one line of text. */
export function useFileSender(t: Texts, sendFile: (file: File) => Promise<unknown>) {
  const [status, setStatus] = useState('');
  const send = async (files: File[]) => {
    for (const file of files) {
      setStatus(t.uploading);
      try {
        await sendFile(file);
        setStatus('');
      } catch (err) {
        const code = err instanceof FileError ? err.info.code : '';
        setStatus(code === ErrorCode.BodyTooLarge ? t.fileTooLarge : t.uploadFailed);
        return;
      }
    }
  };
  return { status, send };
}

export function AttachButton({ t, onFiles }: { t: Texts; onFiles: (files: File[]) => void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        class="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="attach-input"
        onChange={(e) => {
          const files = [...(e.currentTarget.files ?? [])];
          e.currentTarget.value = '';
          if (files.length) onFiles(files);
        }}
      />
      <button type="button" class="attach-button" aria-label={t.attachFile} title={t.attachFile} onClick={() => input.current?.click()}>
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
          <path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" d="M21 11.5l-8.5 8.5a5 5 0 01-7-7L14 4.5a3.3 3.3 0 014.7 4.7L10.2 17.7a1.7 1.7 0 01-2.4-2.4L15.5 7.6" />
        </svg>
      </button>
    </>
  );
}

/** Files pasted or dropped into the composer (images from the clipboard, any file dropped). */
export function filesOf(data: DataTransfer | null): File[] {
  return data ? [...data.files] : [];
}


