// CSV downloads are opened in spreadsheets: a stored value that starts like a formula reaches staff neutralised.
import { describe, expect, it } from 'vitest';
import { bearer, call } from '../../tests/support/helpers.ts';
import { deliver, message } from '../../tests/support/metrics-helpers.ts';

describe('CSV downloads', () => {
  it('neutralise cells that a spreadsheet would run as formulas', async () => {
    const day = '2030-02-01';
    // A queued message of an older deploy could carry keys today's reducer would clean: the writer still protects.
    await deliver([message('csv-1', 'v1', [['campaign', '=HYPERLINK("http://x")|@cmd|+1']], ['site'], day)]);
    const staff = await bearer('staff');
    const response = await call(`/api/v1/metrics/tables/campaigns.csv?from=${day}&to=${day}`, { headers: staff });
    expect(response.status).toBe(200);
    const [header, row] = (await response.text()).split('\r\n');
    expect(header).toBe('source,medium,campaign,visits');
    expect(row).toBe(`"'=HYPERLINK(""http://x"")",'@cmd,'+1,1`);
  });
});
