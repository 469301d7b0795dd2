/**
 * Saves CSV text as a file: a Blob behind an object URL, clicked through a temporary
 * `<a download>`. The byte order mark makes spreadsheets read the file as UTF-8.
 */
export function downloadCsv(filename: string, csv: string): void {
  const blob = new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    // Revoke once the click has been handled, or the download may find no data.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}
