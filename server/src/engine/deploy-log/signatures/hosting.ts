/**
 * Fly.io and Render port messages. Only robust substrings of messages those platforms document publicly: Fly's
 * proxy asks whether the app listens on the expected address; Render scans for an open port and gives up.
 */

import { family } from './types';

export const hosting = family('hosting', [
  {
    id: 'hosting.fly-instance-refused',
    role: 'cause',
    category: 'port_not_bound_or_wrong_host',
    literals: ['is your app listening on'],
    pattern: /is your app listening on ([^\s?]{1,80})\?/,
    values: (m) => ({ expected: m[1], platform: 'fly' }),
    confidence: 0.75,
    key: () => 'fly',
  },
  {
    id: 'hosting.fly-not-listening',
    role: 'cause',
    category: 'port_not_bound_or_wrong_host',
    literals: ['not listening on the expected address'],
    values: () => ({ platform: 'fly' }),
    confidence: 0.8,
    key: () => 'fly',
  },
  {
    id: 'hosting.render-no-open-ports',
    role: 'cause',
    category: 'port_not_bound_or_wrong_host',
    literals: ['No open ports detected', 'Port scan timeout reached'],
    pattern: /(No open ports detected|Port scan timeout reached)/,
    values: (m) => ({ platform: 'render', reason: m[1] }),
    decide: (v) => ({ confidence: v.reason.startsWith('Port scan') ? 0.8 : 0.55, key: 'render' }),
  },
]);
