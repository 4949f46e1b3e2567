// A large enrolment CSV with known faults, shared by the test of its outcome
// (test/integration/enrolment-csv.test.ts) and the benchmark of its speed (bench/enrol-csv.ts).

export const HEADER = 'email,name,destination,region,start,end,channels';

/** 10,000 rows, 50 of them bad in known ways at known lines. */
export function bigEnrolmentCsv(): { csv: string; bad: Map<number, RegExp> } {
  const destinations = [['Russia', 'Moscow'], ['RU', 'RU-SPE'], ['France', ''], ['Japan', 'JP-13'], ['Brazil', ''], ['KEN', ''], ['Mexico', 'MX-CMX'], ['Ukraine', '']];
  const faults: [string, RegExp][] = [
    ['bad-email,Bad Email,France,,2026-04-01,2026-04-10,email', /^invalid e-mail "bad-email"$/],
    ['x{n}@example.org,Nowhere,Atlantis,,2026-04-01,2026-04-10,email', /^unknown destination "Atlantis"$/],
    ['x{n}@example.org,Back,France,,2026-04-10,2026-04-01,email', /^end before start$/],
    ['x{n}@example.org,Past,France,,2025-01-01,2025-02-01,email', /^trip wholly in the past$/],
    ["x{n}@example.org,Bad Date,France,,2026-02-30,2026-04-01,email", /^start date: 2026-02-30 is not a date in YYYY-MM-DD$/],
    ['x{n}@example.org,Pigeon,France,,2026-04-01,2026-04-10,email;pigeon', /^unknown channel "pigeon"/],
    ['x{n}@example.org,Hook,France,,2026-04-01,2026-04-10,email;webhook:http://127.0.0.1:9/x', /^unsafe webhook address: is a loopback address/],
    ['x{n}@example.org,Region,Russia,Gotham,2026-04-01,2026-04-10,email', /^unknown region "Gotham" in Russia/],
    ['x{n}@example.org,,France,,2026-04-01,2026-04-10,email', /^missing name$/],
    ['x{n}@example.org,Short,France,2026-04-01', /^expected 7 values, found 4$/],
  ];
  const lines = [HEADER];
  const bad = new Map<number, RegExp>();
  for (let i = 0; i < 10_000; i++) {
    const line = i + 2;
    if (i % 200 === 7) {
      const [text, reason] = faults[bad.size % faults.length]!;
      lines.push(text.replace('{n}', String(i)));
      bad.set(line, reason);
      continue;
    }
    const [destination, region] = destinations[i % destinations.length]!;
    const residing = i % 10 === 0;
    lines.push(`traveller${i}@Example.org,Traveller ${i},${destination},${region},2026-0${3 + (i % 6)}-1${i % 10},${residing ? '' : `2026-1${i % 3}-2${i % 9}`},email`);
  }
  return { csv: `${lines.join('\n')}\n`, bad };
}
