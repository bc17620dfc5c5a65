import { HTML_ERROR_CONTENT_TYPE, htmlErrorPage } from './html-error-page';

describe('htmlErrorPage', () => {
  it('renders the 404 page byte for byte as Neutron does for an unknown extension', () => {
    expect(
      htmlErrorPage(404, 'Extension with alias tag-ports-during-bulk-creation does not exist'),
    ).toBe(
      '<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n' +
        '  <h1>404 Not Found</h1>\n  The resource could not be found.<br /><br />\n' +
        'Extension with alias tag-ports-during-bulk-creation does not exist\n\n\n </body>\n</html>',
    );
    expect(HTML_ERROR_CONTENT_TYPE).toBe('text/html; charset=UTF-8');
  });

  it('escapes markup and writes non-ASCII characters as references', () => {
    const page = htmlErrorPage(404, `<script>&"'é😀`);
    expect(page).toContain('&lt;script&gt;&amp;&quot;&#x27;&#233;&#128512;');
    expect(page).not.toContain('<script>');
  });

  it('renders an unlisted status as a 500 page', () => {
    expect(htmlErrorPage(418)).toContain('<title>500 Internal Server Error</title>');
    expect(htmlErrorPage(413)).toContain('<h1>413 Request Entity Too Large</h1>');
  });
});
