import { topicPage } from '../helpers/memoryHost';
import { ruleTester } from '../helpers/ruleTester';

const para = (s: string): string => topicPage(`\n<p>\n  ${s}\n</p>\n`);

ruleTester('mojibake', {
  valid: [
    { name: 'curly quotes and accents', text: para('Auth0’s café “quoted” — fine') },
    { name: 'Latin-1 letters that are not UTF-8 bytes', text: para('Ãx and Â alone, and ÂÂ') },
    { name: 'emoji and astral characters', text: para('👆 ℹ️ ❯ →') },
  ],
  invalid: [
    {
      name: 'â€™ for ’: range is the three characters',
      text: para('Auth0â€™s onboarding'),
      errors: [{ range: '8:8-8:11', message: 'Mojibake `â€™`: UTF-8 text misread as Windows-1252; it should read `’`.' }],
      output: para('Auth0’s onboarding'),
    },
    {
      name: 'two-byte and four-byte sequences, on any page (front matter too)',
      text: '---\ntitle: Cafã©\n---\n\nPrices in Ã© and â€œquotesâ€\u009d ðŸ‘\u0086\n',
      errors: [
        { range: '5:11-5:13', message: /`Ã©`.*`é`/ },
        { range: '5:18-5:21', message: /`â€œ`.*`“`/ },
        { range: '5:27-5:30', message: /`â€\u009d`.*`”`/ },
        { range: '5:31-5:35', message: /`ðŸ‘\u0086`.*`👆`/ },
      ],
      output: '---\ntitle: Cafã©\n---\n\nPrices in é and “quotes” 👆\n',
    },
  ],
});
