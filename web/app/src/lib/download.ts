// The file name of a Content-Disposition header (`attachment; filename="soa-ISO27001.csv"`).
export function attachmentName(header: string | null, fallback: string): string {
  const match = header ? /filename="?([^";]+)"?/i.exec(header) : null;
  return match?.[1]?.trim() || fallback;
}

// Hands `blob` to the browser as a download named `name`.
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the file to the browser: the object URL can go.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
