
// Where an alert applies: CAP polygons and circles (WGS 84), and the area's description in words.

type CoordinateResult = { ok: true; lat: number; lon: number } | { ok: false; message: string };

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

function coordinate(pair: string): CoordinateResult {
  const parts = pair.split(',');
  if (parts.length !== 2 || !NUMBER.test(parts[0]!) || !NUMBER.test(parts[1]!)) return { ok: false, message: `"${pair.slice(0, 40)}" is not a "latitude,longitude" pair` };
  const lat = Number(parts[0]);
  const lon = Number(parts[1]);
  if (lat < -90 || lat > 90) return { ok: false, message: `latitude ${parts[0]} is outside -90…90` };
  if (lon < -180 || lon > 180) return { ok: false, message: `longitude ${parts[1]} is outside -180…180` };
  return { ok: true, lat, lon };
}

/** Checks a CAP polygon ("lat,lon lat,lon …"); returns it with single spaces, or a message. */
export function checkPolygon(text: string): { ok: true; value: string } | { ok: false; message: string } {
  const pairs = text.trim().split(/\s+/).filter(Boolean);
  for (const pair of pairs) {
    const c = coordinate(pair);
    if (!c.ok) return c;
  }
  if (pairs.length < 4) return { ok: false, message: `a polygon needs at least 4 "lat,lon" pairs, the last equal to the first (got ${pairs.length})` };
  const [a, b] = [coordinate(pairs[0]!), coordinate(pairs.at(-1)!)];
  if (a.ok && b.ok && (a.lat !== b.lat || a.lon !== b.lon)) return { ok: false, message: 'the polygon is not closed: its last point must equal its first' };
  return { ok: true, value: pairs.join(' ') };
}

/** Checks a CAP circle ("lat,lon radius", radius in km); returns it normalised, or a message. */
export function checkCircle(text: string): { ok: true; value: string } | { ok: false; message: string } {
  const parts = text.trim().split(/\s+/);
  if (parts.length !== 2) return { ok: false, message: 'a circle is "latitude,longitude radius" with the radius in kilometres, e.g. "55.75,37.62 5"' };
  const c = coordinate(parts[0]!);
  if (!c.ok) return c;
  if (!NUMBER.test(parts[1]!)) return { ok: false, message: `radius "${parts[1]!.slice(0, 20)}" is not a number of kilometres` };
  const radius = Number(parts[1]);
  if (radius < 0) return { ok: false, message: 'the radius cannot be negative' };
  if (radius > 20_040) return { ok: false, message: 'the radius is larger than half the Earth\'s circumference (20,040 km)' };
  return { ok: true, value: `${parts[0]} ${parts[1]}` };
}

const absent = (value: unknown) => value === undefined || value === null || value === '';

/** The optional CAP polygon and circle of an alert's or a crisis's `area`: `{ polygon?, circle? }`. */
export function readArea(body: Record<string, unknown>, fail: (field: string, message: string) => void): { polygon: string | null; circle: string | null } {
  const result = { polygon: null as string | null, circle: null as string | null };
  const area = body.area;
  if (area === undefined || area === null) return result;
  if (typeof area !== 'object' || Array.isArray(area)) {
    fail('area', 'must be an object with polygon and/or circle');
    return result;
  }
  const { polygon: p, circle: c } = area as Record<string, unknown>;
  if (!absent(p)) {
    if (typeof p !== 'string' || p.length > 20_000) fail('area.polygon', 'must be CAP text: "lat,lon lat,lon …" (at most 20,000 characters)');
    else {
      const checked = checkPolygon(p);
      if (checked.ok) result.polygon = checked.value;
      else fail('area.polygon', checked.message);
    }
  }
  if (!absent(c)) {
    if (typeof c !== 'string' || c.length > 100) fail('area.circle', 'must be CAP text: "lat,lon radius"');
    else {
      const checked = checkCircle(c);
      if (checked.ok) result.circle = checked.value;
      else fail('area.circle', checked.message);
    }
  }
  return result;
}
