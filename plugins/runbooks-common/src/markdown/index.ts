export * from './parseMarkdown';
export * from './markdownDocument';
export * from './anchors';
export * from './markdownText';
export * from './markdownSection';
