// Saving bytes or text as a file the browser downloads (an object URL on a temporary link): the graph
// JSON, the Export menu's code, weights and data, and autosave's refused copies all go through here.

/** Starts a download of `data` named `name`. */
export function downloadFile(name: string, data: Uint8Array | string, type: string): void {
  const part: BlobPart = typeof data === 'string' ? data : new Uint8Array(data);
  const url = URL.createObjectURL(new Blob([part], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
