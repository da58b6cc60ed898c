import { GlobalWorkerOptions, getDocument } from 'pdfjs-dist';

// pdf.js parses in a module worker served by the portal itself (the build copies it to
// vendor/): the content security policy allows workers from 'self' only.
GlobalWorkerOptions.workerSrc = new URL('vendor/pdf.worker.min.mjs', document.baseURI).href;

/**
 * Draws page 1 of a PDF into a canvas `cssWidth` pixels wide (sharp on high-density screens).
 * This module is loaded on demand: pdf.js is about 1 MB and only the preview needs it.
 */
export async function drawFirstPage(
  bytes: ArrayBuffer,
  canvas: HTMLCanvasElement,
  cssWidth: number,
): Promise<{ pages: number }> {
  const task = getDocument({ data: new Uint8Array(bytes) });
  const pdf = await task.promise;
  try {
    const page = await pdf.getPage(1);
    const unscaled = page.getViewport({ scale: 1 });
    const ratio = globalThis.devicePixelRatio || 1;
    const viewport = page.getViewport({ scale: (cssWidth / unscaled.width) * ratio });
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    canvas.style.width = `${cssWidth}px`;
    canvas.style.height = `${Math.floor(viewport.height / ratio)}px`;
    await page.render({ canvas, viewport }).promise;
    return { pages: pdf.numPages };
  } finally {
    await task.destroy();
  }
}
