export * from './extension-catalogue';
export * from './find-extension';
export * from './v2-resources-document';
export * from './versions-document';
