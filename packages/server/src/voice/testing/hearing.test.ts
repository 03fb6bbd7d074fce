import { describe, expect, it } from 'vitest';
import { dominantTones } from './hearing';

function tone(hz: number, seconds: number, amplitude = 8000): Int16Array {
  return Int16Array.from({ length: 8000 * seconds }, (_, i) => Math.round(amplitude * Math.sin((2 * Math.PI * hz * i) / 8000)));
}

describe('the tests’ ear', () => {
  it('names the tone that dominates each second, and nothing for silence or an even mix of three', () => {
    const [a, b, c] = [tone(440, 1, 5000), tone(660, 1, 5000), tone(1000, 1, 5000)];
    const mix = a.map((x, i) => x + b[i]! + c[i]!);
    const samples = Int16Array.from([...tone(1000, 2), ...new Int16Array(8000), ...tone(660, 1), ...mix, ...tone(440, 1)]);
    expect(dominantTones(samples, 8000, [440, 660, 1000])).toEqual([1000, 1000, null, 660, null, 440]);
  });
});
