/**
 * The loopback SMSC of bench/sms.ts in its own process (test/helpers/smpp.ts: the `smpp` package's
 * server, a message_id and a delivery receipt for every part), so that the client measured does
 * not share its event loop. Messages: 'count' → { parts }, 'reset'.
 */
import { startSmsc } from '../test/helpers/smpp.ts';

const smsc = await startSmsc();
process.on('message', (message: string) => {
  if (message === 'count') process.send?.({ parts: smsc.parts.length });
  if (message === 'reset') {
    smsc.parts.length = 0;
    smsc.messages.length = 0;
    process.send?.({ reset: true });
  }
});
process.send?.({ url: smsc.url, port: smsc.port });
