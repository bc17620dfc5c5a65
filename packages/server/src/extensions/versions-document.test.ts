import { versionsDocument } from './versions-document';

describe('versionsDocument', () => {
  it("is the recorded server's answer to GET /", () => {
    expect(versionsDocument('http://127.0.0.1:39647')).toEqual({
      versions: [
        {
          id: 'v2.0',
          links: [{ href: 'http://127.0.0.1:39647/v2.0/', rel: 'self' }],
          status: 'CURRENT',
        },
      ],
    });
  });

  it('takes a base URL with a trailing slash or a path', () => {
    expect(versionsDocument('http://h:9696/').versions[0].links[0].href).toBe(
      'http://h:9696/v2.0/',
    );
    expect(versionsDocument('https://h/networking').versions[0].links[0].href).toBe(
      'https://h/networking/v2.0/',
    );
  });
});
