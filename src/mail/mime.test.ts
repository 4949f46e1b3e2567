import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { envelopeAddress, rawCapable, rawMessage } from './mime.ts';

const FROM = 'Waypost <no-reply@advice.example.org>';

describe('rawMessage', () => {
  it('reads back with a real MIME parser: encoded subject, both bodies, our headers, long and odd lines intact', async () => {
    const text = `Côte d'Ivoire: Level 2 – = signs stay =3D-safe\n.a line starting with a dot\nFrom the start\n${'long words '.repeat(20).trim()}\n`;
    const raw = rawMessage({
      to: 'jane@example.org', subject: 'Russia: Level 4 – Do Not Travel – citizens should leave immediately', text,
      html: '<h1>Côte d’Ivoire</h1><p>a &amp; b</p>', messageId: '<delivery-1-2@advice.example.org>',
      headers: { 'List-Unsubscribe': '<https://advice.example.org/u/abc>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    }, FROM, new Date('2026-03-01T10:00:00Z'));
    expect(raw.split('\r\n').every((line) => line.length <= 998)).toBe(true);
    expect(raw.split('\r\n\r\n')[1]!.split('\r\n').every((line) => line.length <= 76)).toBe(true);
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe('Russia: Level 4 – Do Not Travel – citizens should leave immediately');
    expect(parsed.text).toBe(text);
    expect(parsed.html).toBe('<h1>Côte d’Ivoire</h1><p>a &amp; b</p>');
    expect(parsed.messageId).toBe('<delivery-1-2@advice.example.org>');
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
    expect(raw).toMatch(/^List-Unsubscribe: <https:\/\/advice\.example\.org\/u\/abc>\r$/m);
    expect(parsed.date?.toISOString()).toBe('2026-03-01T10:00:00.000Z');
    expect((parsed.from?.value[0])?.address).toBe('no-reply@advice.example.org');
  });

  it('sends text alone without a multipart wrapper, and cannot be made to add headers', async () => {
    const raw = rawMessage({ to: 'jane@example.org', subject: 'Hello\r\nBcc: evil@example.org', text: 'Just text.', messageId: '<m@x>' }, FROM);
    expect(raw).not.toMatch(/^Bcc:/m);
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe('Hello Bcc: evil@example.org');
    expect(parsed.text).toBe('Just text.');
    expect(parsed.html).toBe(false);
    expect(parsed.headers.get('content-type')).toMatchObject({ value: 'text/plain' });
  });

  it('leaves internationalised addresses to nodemailer (SMTPUTF8), and finds the envelope address', () => {
    expect(rawCapable({ to: 'jane@example.org', subject: '', text: '', messageId: '' }, FROM)).toBe(true);
    expect(rawCapable({ to: 'jöns@exämple.org', subject: '', text: '', messageId: '' }, FROM)).toBe(false);
    expect(envelopeAddress(FROM)).toBe('no-reply@advice.example.org');
    expect(envelopeAddress('plain@example.org')).toBe('plain@example.org');
  });
});
