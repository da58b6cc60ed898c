/** Hands a downloaded file to the browser as a download under the server's file name. */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click was handled; a tick later it can go.
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
