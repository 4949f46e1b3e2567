import { UnconfiguredSmsProvider, type SmsProvider } from '../notify/channels/sms-provider.ts';
import { SmppSmsProvider, type SmppProviderOptions } from './smpp-provider.ts';
import type { SmppTarget } from './smpp-url.ts';

/** The SMS provider SMPP_URL asks for, or the one that says "no provider" when it is unset. */
export function createSmsProvider(target: SmppTarget | undefined, options: SmppProviderOptions = {}): SmsProvider {
  return target ? new SmppSmsProvider(target, options) : new UnconfiguredSmsProvider();
}
