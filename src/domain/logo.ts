import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * The deployment's logo, uploaded by an admin and shown in every public page header. An SVG is a
 * document that can run script, fetch other resources and embed HTML, so it is rebuilt from an
 * allow-list of drawing elements and attributes: anything not on the list (script, foreignObject,
 * image, use, style, event handlers, links, references outside the file) is dropped, and a file
 * that is not well-formed XML, or declares a DOCTYPE (entities), is refused. A PNG is kept as
 * uploaded once its signature says it is one: browsers never run anything in a PNG.
 */

export const LOGO_MAX_BYTES = 100 * 1024;

export type LogoType = 'image/svg+xml' | 'image/png';

export interface Logo {
  type: LogoType;
  data: Buffer;
}

export type LogoCheck = { ok: true; logo: Logo } | { ok: false; reason: string };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Matched without regard to case, written back in SVG's own spelling. */
const canonical = (names: string[]) => new Map(names.map((name) => [name.toLowerCase(), name]));

const ELEMENTS = canonical([
  'svg', 'g', 'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'title', 'desc', 'defs',
  'linearGradient', 'radialGradient', 'stop', 'text', 'tspan', 'clipPath',
]);

// No xmlns: the root gets SVG's namespace whatever the file said, so no element can land in XHTML's.
const ATTRIBUTES = canonical([
  'version', 'viewBox', 'width', 'height', 'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'fx', 'fy',
  'd', 'points', 'transform', 'preserveAspectRatio', 'id', 'role', 'aria-label', 'aria-hidden',
  'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-linecap', 'stroke-linejoin',
  'stroke-miterlimit', 'stroke-dasharray', 'stroke-dashoffset', 'opacity', 'clip-path', 'clip-rule', 'clipPathUnits',
  'gradientUnits', 'gradientTransform', 'spreadMethod', 'offset', 'stop-color', 'stop-opacity',
  'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor', 'dominant-baseline', 'letter-spacing', 'dx', 'dy',
]);

/** Attributes whose value may point somewhere: only a fragment of this same file, url(#id), is kept. */
const MAY_REFERENCE = new Set(['fill', 'stroke', 'clip-path']);

// Characters no drawing value needs; each could start markup, an entity, a CSS escape or a URL scheme.
const UNSAFE_VALUE = /[<>&\\"`]|javascript:|data:|url\(|expression\(/i;
const LOCAL_REFERENCE = /^url\(#[A-Za-z_][\w.-]{0,63}\)$/;

type XmlNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function keepAttribute(name: string, value: string): boolean {
  if (value.length > 10_000) return false;
  if (MAY_REFERENCE.has(name) && /url\(/i.test(value)) return LOCAL_REFERENCE.test(value.trim());
  return !UNSAFE_VALUE.test(value);
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Text arrives with its entity references as written (entity processing is off): XML's five and numeric ones are read, any other is dropped. */
function decodeText(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{1,10});/gi, (_, ref: string) => {
    if (ref[0] !== '#') return PREDEFINED[ref] ?? '';
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0x1f && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

function rebuild(nodes: XmlNode[], depth: number): string {
  if (depth > 32) return '';
  let out = '';
  for (const node of nodes) {
    if (typeof node['#text'] === 'string' || typeof node['#text'] === 'number') {
      out += escapeXml(decodeText(String(node['#text'])));
      continue;
    }
    const key = Object.keys(node).find((k) => k !== ':@');
    const name = key && ELEMENTS.get(key.toLowerCase());
    if (!key || !name) continue;
    const attributes = Object.entries(node[':@'] ?? {})
      .map(([raw, value]) => [ATTRIBUTES.get(raw.replace(/^@_/, '').toLowerCase()), String(value)] as const)
      .filter((pair): pair is readonly [string, string] => pair[0] !== undefined && keepAttribute(pair[0], pair[1]))
      .map(([attribute, value]) => ` ${attribute}="${escapeXml(value)}"`)
      .join('');
    out += `<${name}${attributes}>${rebuild(node[key] as XmlNode[], depth + 1)}</${name}>`;
  }
  return out;
}

/** The allow-listed rebuild of an SVG document, or why it cannot be one. */
export function sanitiseSvg(text: string): { ok: true; svg: string } | { ok: false; reason: string } {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return { ok: false, reason: 'an SVG logo may not declare a DOCTYPE or entities' };
  if (XMLValidator.validate(text) !== true) return { ok: false, reason: 'the SVG logo is not well-formed XML' };
  const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '@_', processEntities: false, parseTagValue: false, parseAttributeValue: false, trimValues: true });
  const nodes = parser.parse(text) as XmlNode[];
  const root = nodes.find((node) => Object.keys(node).some((key) => key !== ':@' && !key.startsWith('?') && key !== '#text'));
  if (!root || !('svg' in root)) return { ok: false, reason: 'the logo file is not an SVG document (its root element must be <svg>)' };
  return { ok: true, svg: rebuild([root], 0).replace(/^<svg/, '<svg xmlns="http://www.w3.org/2000/svg"') };
}

/** Checks an uploaded logo by its declared type and content, and returns what is to be stored. */
export function checkLogo(type: string, data: Buffer): LogoCheck {
  if (data.length === 0) return { ok: false, reason: 'the logo file is empty' };
  if (data.length > LOGO_MAX_BYTES) return { ok: false, reason: `the logo must be at most ${LOGO_MAX_BYTES / 1024} KB (this one is ${Math.ceil(data.length / 1024)} KB)` };
  if (type === 'image/png') {
    if (!data.subarray(0, 8).equals(PNG_SIGNATURE)) return { ok: false, reason: 'the file is not a PNG image (its signature is wrong)' };
    return { ok: true, logo: { type, data } };
  }
  if (type === 'image/svg+xml') {
    const clean = sanitiseSvg(data.toString('utf8'));
    return clean.ok ? { ok: true, logo: { type, data: Buffer.from(clean.svg, 'utf8') } } : clean;
  }
  return { ok: false, reason: 'the logo must be an SVG (image/svg+xml) or PNG (image/png) image' };
}
