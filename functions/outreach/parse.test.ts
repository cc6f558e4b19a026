import { describe, expect, it } from 'vitest';
import { parseOutreach } from './parse.ts';

const encode = (text: string) => new TextEncoder().encode(text);
const CONTRACT =
  'period_start,period_end,area,channel,platform,item,format,date,date_end,segment,link,metric,value,value_qualifier,source';

describe('parseOutreach', () => {
  it("takes the contract's header with `source`, CRLF and a BOM, and keeps an empty value as not reported", async () => {
    const body = `\uFEFF${CONTRACT}\r\n2022-09-01,2022-11-15,CNCS,sms,SMS,"Aviso, registro",,2022-10-01,,,,sms_sent,,>,002 §3.1\r\n`;
    const parsed = await parseOutreach(encode(body), 'figures');
    expect(parsed).toMatchObject({
      ok: true,
      kind: 'figures',
      rows: [{ item: 'Aviso, registro', value: null, value_qualifier: '>', is_reported_total: 0, source: '002 §3.1' }],
    });
  });

  it('counts lines as an editor does when a quoted cell spans lines', async () => {
    const body = `${CONTRACT}\n2022-09-01,2022-11-15,,tv,TV,"two\nlines",,2022-10-01,,,,impacts,1,,x\n2022-09-01,2022-11-15,,tv,TV,x,,2022-10-01,,,,impacts,1.5.2,,x\n`;
    const parsed = await parseOutreach(encode(body), 'figures');
    expect(parsed).toMatchObject({ ok: false, problems: [{ line: 4, field: 'value' }] });
  });

  it('tells calls from contacts by header, and a dimension it does not know is a problem', async () => {
    const calls = await parseOutreach(
      encode(
        'process,period_start,period_end,call_type,entity,outcome,outcome_label_es,count,is_reported_total,source_file,source_section,note\np,2020-09-01,2020-11-30,outbound_registration_invitation,all,registered,Registrado,4586,0,001,4.2.1,\n',
      ),
      'inetel',
    );
    expect(calls).toMatchObject({ ok: true, kind: 'calls', rows: [{ count: 4586, source: '001 · 4.2.1' }] });
    const contacts = await parseOutreach(
      encode(
        'process,period_start,period_end,subject,dimension,category,category_label_es,count,unit,is_reported_total,source_file,source_section,note\np,2020-09-01,2020-11-30,vmre,weather,usa,EUA,3.5,contacts,2,001,4.2,\n',
      ),
      'inetel',
    );
    expect(contacts).toMatchObject({
      ok: false,
      problems: [
        { line: 2, field: 'dimension' },
        { line: 2, field: 'count' },
        { line: 2, field: 'is_reported_total' },
      ],
    });
  });

  it('refuses a body that is not UTF-8 or has no rows', async () => {
    expect(await parseOutreach(new Uint8Array([0xff, 0xfe, 0x00]), 'figures')).toMatchObject({ ok: false });
    expect(await parseOutreach(encode(`${CONTRACT}\n`), 'figures')).toMatchObject({
      ok: false,
      problems: [{ line: 1, message: 'the file has a header but no rows' }],
    });
  });
});
