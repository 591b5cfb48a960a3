// Files in the dashboard: the attach button, sending what was chosen, pasted or dropped into a
// conversation (one message per file), and a message's file: an image as a thumbnail that opens
// the full-size image, any other file as a download link with its name and size. URLs are signed
// and expire: each view asks the agent client for them (cached there) when it shows.
import { useEffect, useRef, useState } from 'react';
import type { Attachment, FileUrls } from '@palique/protocol';
import { ErrorCode } from '@palique/protocol';
import { FileError, formatFileSize } from '@palique/client';
import { useRealtime } from '../realtime/realtime-context';
import { messages } from '../i18n/messages';
import './files.css';

const t = messages.files;
const THUMB = 240;

export function AttachmentView({ attachment: a }: { attachment: Attachment }) {
  const { client } = useRealtime();
  const [urls, setUrls] = useState<FileUrls | null>(null);
  const [tries, setTries] = useState(0);
  useEffect(() => {
    let live = true;
    client.fileUrls(a.id).then(
      (u) => live && setUrls(u),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, a.id, tries]);
  // An expired URL (a screen left open for hours) is asked for again, once.
  const retry = () => tries === 0 && setTries(1);
  if (a.kind === 'image') {
    const scale = Math.min(1, THUMB / Math.max(a.width ?? THUMB, a.height ?? THUMB));
    return (
      <a className="attachment attachment-image" href={urls?.url} target="_blank" rel="noopener noreferrer" title={`${t.openImage}: ${a.name}`}>
        {urls?.thumbnailUrl && (
          <img src={urls.thumbnailUrl} alt={a.name} width={Math.round((a.width ?? THUMB) * scale)} height={Math.round((a.height ?? THUMB) * scale)} onError={retry} />
        )}
      </a>
    );
  }
  return (
    <a className="attachment attachment-file" href={urls?.url} download={a.name} rel="noopener noreferrer" title={`${t.download}: ${a.name}`}>
      <span className="attachment-name">{a.name}</span> <span className="attachment-size">{formatFileSize(a.size)}</span>
    </a>
  );
}

/** Sends files into a conversation, one message each; what it is doing (or what failed) as one line. */
export function useFileSender(conversationId: string) {
  const { client } = useRealtime();
  const [status, setStatus] = useState('');
  const send = async (files: File[]) => {
    for (const file of files) {
      setStatus(t.uploading(file.name));
      try {
        const { attachment } = await client.uploadFile(conversationId, file, file.name);
        void client.send(conversationId, '', attachment).catch(() => undefined);
        setStatus('');
      } catch (err) {
        const code = err instanceof FileError ? err.info.code : '';
        setStatus(code === ErrorCode.BodyTooLarge ? t.tooLarge : err instanceof FileError ? `${t.failed} ${err.message}` : t.failed);
        return;
      }
    }
  };
  return { status, send };
}

export function AttachButton({ onFiles }: { onFiles: (files: File[]) => void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="attach-input"
        onChange={(e) => {
          const files = [...(e.currentTarget.files ?? [])];
          e.currentTarget.value = '';
          if (files.length) onFiles(files);
        }}
      />
      <button type="button" className="composer-tool" aria-label={t.attach} title={t.attach} onClick={() => input.current?.click()}>
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
          <path fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" d="M21 11.5l-8.5 8.5a5 5 0 01-7-7L14 4.5a3.3 3.3 0 014.7 4.7L10.2 17.7a1.7 1.7 0 01-2.4-2.4L15.5 7.6" />
        </svg>
      </button>
    </>
  );
}

/** Files pasted or dropped (images from the clipboard, any file dropped). */
export function filesOf(data: DataTransfer | null): File[] {
  return data ? [...data.files] : [];
}
