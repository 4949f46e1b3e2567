import { describe, expect, it } from 'vitest';
import { checkLogo, LOGO_MAX_BYTES, sanitiseSvg } from './logo.ts';

const svg = (inner: string, attributes = '') => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"${attributes}>${inner}</svg>`;
const clean = (text: string) => {
  const result = sanitiseSvg(text);
  if (!result.ok) throw new Error(result.reason);
  return result.svg;
};

describe('sanitiseSvg', () => {
  it('keeps a plain drawing as it was', () => {
    const logo = svg('<title>Ministry</title><g fill="#1d4f91"><path d="M12 2l3 7 7 3-7 3-3 7-3-7-7-3 7-3z"/><circle cx="12" cy="12" r="3" stroke="#fff" stroke-width="1.5"/></g>');
    expect(clean(logo)).toBe('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><title>Ministry</title><g fill="#1d4f91"><path d="M12 2l3 7 7 3-7 3-3 7-3-7-7-3 7-3z"></path><circle cx="12" cy="12" r="3" stroke="#fff" stroke-width="1.5"></circle></g></svg>');
  });

  it('keeps gradients referenced inside the file, in SVG spelling', () => {
    const out = clean(svg('<defs><linearGradient id="g"><stop offset="0" stop-color="#000"/></linearGradient></defs><rect width="24" height="24" fill="url(#g)"/>'));
    expect(out).toContain('<linearGradient id="g">');
    expect(out).toContain('fill="url(#g)"');
  });

  // Each sample carries something that would run, load or embed; the marker word must not survive.
  it.each([
    ['script element', svg('<script>alert("EVIL")</script><path d="M0 0"/>')],
    ['script in capitals', svg('<SCRIPT>alert("EVIL")</SCRIPT>')],
    ['CDATA script', svg('<script><![CDATA[alert("EVIL")]]></script>')],
    ['onload on the root', svg('<path d="M0 0"/>', ' onload="EVIL()"')],
    ['event handler on a shape', svg('<rect width="1" height="1" onclick="EVIL()" onmouseover="EVIL()"/>')],
    ['foreignObject with HTML', svg('<foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="EVIL()"/></div></foreignObject>')],
    ['javascript link', svg('<a href="javascript:EVIL()"><rect width="1" height="1"/></a>')],
    ['xlink javascript link', svg('<a xlink:href="javascript:EVIL()" xmlns:xlink="http://www.w3.org/1999/xlink"><rect/></a>')],
    ['external image', svg('<image href="https://EVIL.example/pixel.png" width="1" height="1"/>')],
    ['external use', svg('<use href="https://EVIL.example/sprite.svg#x"/>')],
    ['style element importing', svg('<style>@import url(https://EVIL.example/x.css); rect { fill: red }</style>')],
    ['style attribute with a URL', svg('<rect style="fill: url(https://EVIL.example/x)"/>')],
    ['fill pointing outside the file', svg('<rect fill="url(https://EVIL.example/g.svg#g)"/>')],
    ['data URL in an attribute', svg('<rect fill="data:text/html,EVIL"/>')],
    ['animation setting an href', svg('<a><animate attributeName="href" to="javascript:EVIL()"/></a><set attributeName="onload" to="EVIL()"/>')],
    ['iframe', svg('<iframe src="https://EVIL.example"/>')],
    ['XHTML namespace on the root', '<svg xmlns="http://www.w3.org/1999/xhtml"><script>EVIL()</script></svg>'],
    ['processing instruction stylesheet', `<?xml-stylesheet href="https://EVIL.example/x.css"?>${svg('<rect/>')}`],
  ])('strips %s', (_, sample) => {
    const out = clean(sample);
    expect(out).not.toMatch(/EVIL|script|on[a-z]+=|href|foreignObject|style|iframe/i);
    expect(out.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  });

  it('escapes text so it stays text', () => {
    expect(clean(svg('<title>Ministry &amp; Co &lt;script&gt;</title>'))).toContain('<title>Ministry &amp; Co &lt;script&gt;</title>');
  });

  it.each([
    ['a DOCTYPE with entities', '<!DOCTYPE svg [<!ENTITY lol "lol">]><svg>&lol;</svg>', /DOCTYPE/],
    ['an external entity', '<!DOCTYPE svg SYSTEM "file:///etc/passwd"><svg/>', /DOCTYPE/],
    ['broken XML', '<svg><path></svg>', /well-formed/],
    ['an HTML document', '<html><body/></html>', /root element/],
  ])('refuses %s', (_, sample, reason) => {
    const result = sanitiseSvg(sample);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(reason);
  });
});

describe('checkLogo', () => {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32)]);

  it('keeps a PNG whose signature is right, byte for byte', () => {
    expect(checkLogo('image/png', png)).toEqual({ ok: true, logo: { type: 'image/png', data: png } });
  });

  it.each([
    ['an SVG sent as PNG', 'image/png', Buffer.from(svg('<rect/>')), /not a PNG/],
    ['HTML sent as PNG', 'image/png', Buffer.from('<script>alert(1)</script>'), /not a PNG/],
    ['an empty file', 'image/png', Buffer.alloc(0), /empty/],
    ['a file over the limit', 'image/png', Buffer.concat([png, Buffer.alloc(LOGO_MAX_BYTES)]), /at most 100 KB/],
    ['another type', 'image/gif', Buffer.from('GIF89a'), /SVG .* or PNG/],
    ['HTML sent as SVG', 'image/svg+xml', Buffer.from('<html><script>alert(1)</script></html>'), /root element/],
  ])('refuses %s', (_, type, data, reason) => {
    const result = checkLogo(type, data);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(reason);
  });

  it('stores an SVG as its cleaned rebuild', () => {
    const result = checkLogo('image/svg+xml', Buffer.from(svg('<rect width="2" height="2" onclick="x()"/>')));
    expect(result.ok && result.logo.data.toString()).toBe('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect width="2" height="2"></rect></svg>');
  });
});
