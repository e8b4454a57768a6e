// Export formats the app offers; kept apart from the contract so the renderer can use the
// list without bundling the schema library.
export const EXPORT_FORMAT_IDS = ['html', 'pdf', 'md', 'json', 'w3c', 'brat', 'doccano', 'labelstudio', 'csv'] as const;
export type ExportFormatChoice = (typeof EXPORT_FORMAT_IDS)[number];
