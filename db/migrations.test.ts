// A committed migration never changes: production has already run it, so an edit would never reach production
// and local databases would drift from it. Add a new numbered migration instead (expand, deploy, contract:
// docs/operations.md), and pin its checksum here when it is committed.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

const PINNED: Record<string, string> = {
  '0001_create_api_tokens.sql': '7a9d6fb084c545ec4e04fb4031ef150adbaf1eebc7313271c5e245a1ed21be6c',
  '0002_create_registrations.sql': 'd83705883807d6a6a51d44836aaa0bbdee467f3287f73e18bdd054f15e98cc52',
  '0003_create_metrics.sql': 'd05e915e44be50be14c7233217e5665e9f90c76c5061ca65dc24d55070de396a',
  '0004_reshape_metric_bookkeeping.sql': '2167568c557c6100364ee839efbcefe1e68a8df48ebad5e87e755c6417472b60',
  '0005_rebuild_api_tokens_with_lifecycle.sql': 'bdd6f7f01b530155cacaeca7740240c7c0f42dc75e0e9ac1afcae1d620cc2fc3',
  '0006_bound_metric_cardinality.sql': '5547670f67f8fdc219a9e66a8ce771d62c44c7f55adacd78f9db1776532ebc34',
  '0007_create_cuts.sql': '1dcf5a04948c71e22005618b1a82dd6c87163023f17790145e5cf5f617279576',
  '0008_create_outreach.sql': '6b41db2d9399a7388744ec41281cffa615dcdbda6f859bb095399209896f7598',
  '0009_admit_values_by_breadth.sql': '51e928d229bd5d177c372349b50eaecdc3f16ba8940f06aab27300c75d4573de',
  '0010_publish_processes.sql': 'd821da45bd1c9eac743afe6cd25e447cf63e7d0c33ca72ca9ce7a029158be775',
  '0011_store_disclosure_audits.sql': '423329f4138d5ae48f79953c5a97b2de135f42bcc1f4759ffdde6d61085197bb',
  '0012_create_publications.sql': '8cc1aba45e42ba6aa6b4ac7cc1f196b70c5f00fd5e14966985080c6d3735bb93',
  '0013_count_visitors_in_rollups.sql': 'a801137d91bd5a7650e17eca0daf7d40272c4fc717a47fc69322672369a11dfa',
};

const DIR = new URL('./migrations/', import.meta.url);

describe('migrations', () => {
  it('are numbered NNNN_verb_noun.sql, one per number, and each one is pinned', async () => {
    const files = (await readdir(DIR)).filter((f) => f.endsWith('.sql')).sort();
    for (const file of files) expect(file).toMatch(/^\d{4}_[a-z0-9_]+\.sql$/);
    expect(new Set(files.map((f) => f.slice(0, 4))).size).toBe(files.length);
    expect(files).toEqual(Object.keys(PINNED).sort());
  });

  it('are never edited once committed', async () => {
    for (const [file, sha256] of Object.entries(PINNED)) {
      const text = await readFile(new URL(file, DIR));
      expect(createHash('sha256').update(text).digest('hex'), `${file} was edited: write a new migration instead`).toBe(
        sha256,
      );
    }
  });
});
