import { describe, expect, it } from 'vitest';
import { parseServerLine } from '../../src/main/serverLine.ts';

describe('parseServerLine', () => {
  it('reads the origin, port and token from rlab serve\'s first line', () => {
    expect(parseServerLine('Recovery Lab listening on http://127.0.0.1:37811/?token=dz-lDl4aT1KH5bd2LqXrqHJmdApsgQf0\n')).toEqual({
      origin: 'http://127.0.0.1:37811',
      port: 37811,
      token: 'dz-lDl4aT1KH5bd2LqXrqHJmdApsgQf0',
    });
  });
  it('refuses other lines, other hosts and bad ports', () => {
    expect(parseServerLine('$ node --import tsx/esm server/src/cli/main.ts serve')).toBeNull();
    expect(parseServerLine('Recovery Lab listening on http://0.0.0.0:80/?token=abc')).toBeNull();
    expect(parseServerLine('Recovery Lab listening on http://127.0.0.1:99999/?token=abc')).toBeNull();
    expect(parseServerLine('Recovery Lab listening on http://127.0.0.1:8080/?token=')).toBeNull();
    expect(parseServerLine('Recovery Lab listening on http://127.0.0.1:8080/?token=a b')).toBeNull();
  });
});
