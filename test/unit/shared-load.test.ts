import { describe, expect, it } from 'vitest';
import { SharedLoad } from '../../utils/psa/kit/shared-load';

describe('SharedLoad', () => {
  it('loads once for concurrent callers, forgets a failure, reloads when told', async () => {
    let calls = 0;
    let fail = true;
    const load = new SharedLoad(async () => {
      calls++;
      if (fail) throw new Error('down');
      return calls;
    });
    await expect(Promise.all([load.get(), load.get()])).rejects.toThrow('down');
    expect(calls).toBe(1);
    fail = false;
    expect(await Promise.all([load.get(), load.get()])).toEqual([2, 2]);
    load.forget();
    expect(await load.get()).toBe(3);
  });

  it('starts from a value known already', async () => {
    const load = new SharedLoad(async () => 'fresh', 'kept');
    expect(await load.get()).toBe('kept');
    load.forget();
    expect(await load.get()).toBe('fresh');
  });
});
