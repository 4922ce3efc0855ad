import { describe, expect, it } from 'vitest';
import { main } from './main.js';
import { terminalProgress } from './progress.js';
import { memoryIo } from './testing/memoryIo.js';

describe('progress on a terminal', () => {
  it('should draw states, rate and time left in place on stderr, and clear the line at the end', () => {
    const cap = memoryIo({}, true);
    let t = 0;
    const p = terminalProgress(cap.io, 'verify', true, () => t);
    t = 1000;
    p.step(1, 4, 'kernel v3.13', 200_000);
    t = 1050;
    p.step(2, 4, 'kernel v3.14', 300_000); // within 100 ms of the last line: not redrawn
    t = 2000;
    p.step(2, 4, 'kernel v3.14', 400_000);
    p.end();
    // One unit done is no basis for an estimate; two units in two seconds are.
    expect(cap.errText()).toBe(
      '\rverify: kernel v3.13 (1/4), 200000 states, 200000 states/s\u001b[K' +
        '\rverify: kernel v3.14 (2/4), 400000 states, 200000 states/s, about 2 s left\u001b[K' +
        '\r\u001b[K',
    );
  });

  it('should cut the line to the terminal, and count without a total', () => {
    const cap = memoryIo({}, true);
    const p = terminalProgress(cap.io, 'verify', true, () => 5000, 40);
    p.step(3, 0, 'fix search: verifying candidates', 123_456_789);
    const line = cap.errText().replace('\r', '').replace('\u001b[K', '');
    expect(line.length).toBeLessThanOrEqual(39);
    expect(line).toBe('verify: fix search: verifying candidat…');
  });

  it('should stay quiet when stderr is not a terminal, and with --json on one', () => {
    const plain = memoryIo({}, false);
    expect(main(['verify', '--kernel', 'v3.14', '--path', 'interrupt-exit'], plain.io)).toBe(1);
    expect(plain.errText()).toBe('');
    const json = memoryIo({}, true);
    main(['verify', '--kernel', 'v3.14', '--path', 'interrupt-exit', '--json'], json.io);
    expect(json.errText()).toBe('');
  });

  it('should report each path of a verify run on a terminal', () => {
    const tty = memoryIo({}, true);
    main(['verify', '--kernel', 'v3.14', '--path', 'interrupt-exit', '--path', 'paranoid-exit'], tty.io);
    expect(tty.errText()).toMatch(/^\rverify: v3\.14 interrupt-exit \(0\/2\)/);
    expect(tty.errText().endsWith('\r\u001b[K')).toBe(true);
  });
});
