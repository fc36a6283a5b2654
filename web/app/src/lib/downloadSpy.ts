import { vi } from 'vitest';

// For tests: catches what a download hands the browser (lib/download's saveBlob) — the file names
// clicked and the blobs turned into object URLs — instead of saving anything. Restore with
// vi.unstubAllGlobals() and vi.restoreAllMocks().
export function spyOnDownloads() {
  const created = vi.fn((_blob: Blob) => 'blob:download');
  vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: created, revokeObjectURL: vi.fn() }));
  const names: string[] = [];
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    names.push(this.download);
  });
  return { names, text: async (index = 0) => created.mock.calls[index]?.[0].text() };
}

// A CSV answer as the API sends one.
export function csvResponse(body: string, fileName: string): Response {
  return new Response(body, {
    status: 200,
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${fileName}"` },
  });
}
