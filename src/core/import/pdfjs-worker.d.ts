// pdfjs-dist ships no types for its worker module; pdf-parse.ts only hands this export back to pdf.js.
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
