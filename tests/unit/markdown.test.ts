import { Parser } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../app/lib/markdown.server";

type El = { name: string; attribs: Record<string, string> };

/** Every element the browser would build from this HTML, with decoded attribute values. */
function elements(html: string): El[] {
  const out: El[] = [];
  const parser = new Parser({ onopentag: (name, attribs) => out.push({ name, attribs }) }, { decodeEntities: true });
  parser.write(html);
  parser.end();
  return out;
}

const SAFE_TAGS = new Set([
  "p",
  "br",
  "hr",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "blockquote",
  "pre",
  "code",
  "em",
  "strong",
  "del",
  "s",
  "ul",
  "ol",
  "li",
  "a",
  "img",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
  "sup",
  "sub",
]);

function assertNothingExecutable(html: string) {
  for (const el of elements(html)) {
    expect(SAFE_TAGS.has(el.name), `tag <${el.name}> in ${html}`).toBe(true);
    for (const [name, value] of Object.entries(el.attribs)) {
      expect(name.startsWith("on"), `event attribute ${name} in ${html}`).toBe(false);
      expect(["style", "srcdoc", "formaction", "xlink:href", "action"]).not.toContain(name);
      if (name === "href" || name === "src") {
        // Browsers ignore whitespace and control characters inside the scheme.
        // eslint-disable-next-line no-control-regex
        const normalised = value.replace(/[\u0000-\u0020]/g, "").toLowerCase();
        expect(normalised, `${name}=${value}`).toMatch(/^(https?:|mailto:|[^:]*$)/);
        if (name === "src") expect(normalised).toMatch(/^https?:/);
      }
    }
  }
  // Raw markup must not survive as markup, only as text.
  expect(html).not.toMatch(/<\s*(script|iframe|style|object|embed|svg|math|form|input|meta|link|base)\b/i);
}

const PAYLOADS = [
  "<script>alert(1)</script>",
  "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
  "<img src=x onerror=alert(1)>",
  "<img src=\"javascript:alert('XSS')\">",
  "<img src=javascript:alert(&quot;XSS&quot;)>",
  "<IMG SRC=JaVaScRiPt:alert('XSS')>",
  "<img src=`javascript:alert(1)`>",
  "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
  "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>",
  "<IMG SRC=\"jav\tascript:alert('XSS');\">",
  "<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">",
  "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
  "<svg onload=alert(1)>",
  "<svg><script>alert(1)</script></svg>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
  '<a href="javascript:alert(1)">x</a>',
  "[click me](javascript:alert(1))",
  "[click me](JAVASCRIPT:alert(1))",
  "[click me](java\u0000script:alert(1))",
  "[x](&#106;avascript:alert(1))",
  "[x](vbscript:msgbox(1))",
  "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "![x](javascript:alert(1))",
  "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
  '<a href="#" onclick="alert(1)">x</a>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<p style="expression(alert(1))">x</p>',
  "<body onload=alert(1)>",
  "<details open ontoggle=alert(1)>",
  "<form action=javascript:alert(1)><input type=submit></form>",
  "<button formaction=javascript:alert(1)>x</button>",
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<link rel=stylesheet href="javascript:alert(1)">',
  "<style>@import 'javascript:alert(1)';</style>",
  "<<script>script>alert(1)<</script>/script>",
  "<scr<script>ipt>alert(1)</scr</script>ipt>",
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '<a href="&#x6A;avascript:alert(1)">x</a>',
  '<a href=" javascript:alert(1)">x</a>',
  '<img src="x" alt="" onerror="alert(1)"/>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  "<template><script>alert(1)</script></template>",
  "<textarea><script>alert(1)</script></textarea>",
  "<isindex type=image src=1 onerror=alert(1)>",
  '<video><source onerror="alert(1)">',
  "<audio src=x onerror=alert(1)>",
  "<marquee onstart=alert(1)>",
  "```html\n<script>alert(1)</script>\n```",
  "`<img src=x onerror=alert(1)>`",
  '<a href="//evil.example">protocol relative</a>',
];

describe("renderMarkdown", () => {
  it("has at least 30 payloads to check", () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(30);
  });

  it.each(PAYLOADS)("neutralises %s", (payload) => {
    assertNothingExecutable(renderMarkdown(payload));
    assertNothingExecutable(renderMarkdown(`正文前的文字\n\n${payload}\n\n正文后的文字`));
  });

  it("keeps ordinary Markdown", () => {
    const html = renderMarkdown("# 标题\n\n**加粗** 和 *斜体*\n\n- 一\n- 二\n\n> 引用");
    expect(html).toContain("<h1>标题</h1>");
    expect(html).toContain("<strong>加粗</strong>");
    expect(html).toContain("<em>斜体</em>");
    expect(html).toContain("<li>一</li>");
    expect(html).toContain("<blockquote>");
  });

  it("marks every link nofollow ugc noopener, even when the author sets rel", () => {
    const html = renderMarkdown('[报修单](https://example.com/a) <a href="https://example.com/b" rel="opener">b</a>');
    const links = elements(html).filter((e) => e.name === "a");
    expect(links).toHaveLength(2);
    for (const a of links) expect(a.attribs.rel).toBe("nofollow ugc noopener");
  });

  it("keeps http(s) images and drops others entirely", () => {
    const ok = elements(renderMarkdown("![照片](https://example.com/p.jpg)")).filter((e) => e.name === "img");
    expect(ok).toHaveLength(1);
    expect(ok[0]!.attribs.src).toBe("https://example.com/p.jpg");
    const bad = elements(renderMarkdown("![照片](ftp://example.com/p.jpg)")).filter((e) => e.name === "img");
    expect(bad).toHaveLength(0);
  });

  it("shows code as text, not markup", () => {
    const html = renderMarkdown("`<script>alert(1)</script>`");
    expect(html).toContain("&lt;script&gt;");
  });
});
