/** The media type of an .xlsx workbook. */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Saves a blob as a file through a same-origin blob link (no second request, nothing leaves the browser). */
function save(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked once the click has handed the blob to the download (the next task).
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Saves CSV text as a file. */
export function downloadText(name: string, text: string): void {
  save(name, new Blob([text], { type: 'text/csv;charset=utf-8' }));
}

/**
 * Saves a workbook the gateway sent base64-encoded (`resultsWorkbook`,
 * `rejectsWorkbook`: the same .xlsx files the CLI writes) as an .xlsx file.
 */
export function downloadWorkbook(name: string, base64: string): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  save(name, new Blob([bytes], { type: XLSX }));
}
