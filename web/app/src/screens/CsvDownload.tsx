import { useState } from 'react';
import { attachmentName, saveBlob } from '../lib/download';
import { formErrors } from '../lib/fieldErrors';
import { ErrorSummary } from '../ui';

// What `api.GET(path, { parseAs: 'blob' })` answers.
export interface BlobAnswer {
  data?: Blob;
  error?: unknown;
  response: Response;
}

// A CSV the API renders (a register, a statement of applicability), fetched with the session's
// token — a bare link would carry no Authorization header — and saved under the name the API
// gives it, `fallbackName` if it gives none.
export function CsvDownload({ load, fallbackName }: { load: () => Promise<BlobAnswer>; fallbackName: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  async function download() {
    setBusy(true);
    setError('');
    const { data, error: failure, response } = await load();
    setBusy(false);
    if (!response.ok || !data) {
      setError(formErrors(failure, []).summary);
      return;
    }
    saveBlob(data, attachmentName(response.headers.get('Content-Disposition'), fallbackName));
  }
  return (
    <>
      <button type="button" onClick={() => void download()} disabled={busy}>
        {busy ? 'Preparing CSV…' : 'Download CSV'}
      </button>
      <ErrorSummary message={error} />
    </>
  );
}
