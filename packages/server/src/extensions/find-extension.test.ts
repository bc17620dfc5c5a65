import { extensionNotFound, findExtension } from './find-extension';

describe('findExtension', () => {
  it('finds an extension by its exact alias', () => {
    expect(findExtension('binding')).toMatchObject({ alias: 'binding', name: 'Port Binding' });
    expect(findExtension('Binding')).toBeUndefined();
    expect(findExtension('tag-ports-during-bulk-creation')).toBeUndefined();
  });
});

describe('extensionNotFound', () => {
  it("answers 404 with the recorded server's HTML page", () => {
    expect(extensionNotFound('tag-ports-during-bulk-creation')).toEqual({
      status: 404,
      message: 'Extension with alias tag-ports-during-bulk-creation does not exist',
      html:
        '<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n  <h1>404 Not ' +
        'Found</h1>\n  The resource could not be found.<br /><br />\nExtension with alias ' +
        'tag-ports-during-bulk-creation does not exist\n\n\n </body>\n</html>',
    });
  });

  it('escapes the alias in the page', () => {
    expect(extensionNotFound('<b>').html).toContain('Extension with alias &lt;b&gt; does not');
  });
});
