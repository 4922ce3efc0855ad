import { SEEDS, seedThread } from '../../src/kernels/seeds.js';
import { wrap } from '../../src/report/counterexampleText.js';
import { PIN_NOTES } from '../pinNotes.js';

/** counterexamples/README.md's lines wrap here, as the rest of the project's Markdown does. */
const WIDTH = 100;

const INTRO = [
  '# Pinned counterexamples',
  '',
  'Each folder is a kernel id; each `<property>.json` is the minimal counterexample `tifcheck verify` finds for that property on that kernel (every path where it fails), with the fix the search suggests, and `<property>.md` is the same report for people (`tifcheck verify --format text` gives it as a mailing-list reply). They are regression data: `npm test` checks that the checker finds exactly these again, byte for byte, that a seeded sample of them replays (`npx tifcheck replay FILE.json`), and that this page has one paragraph per pinned case; `npm run test:full` replays every one and searches every fix again. After an intended change to the model, regenerate them with `npx tifcheck verify --out counterexamples --update` and read the diff.',
  '',
  'Minimal means the fewest initial flags plus events, then the fewest events. When the minimal input is *latent* (no code of that kernel can leave those flags pending where the path begins), the report also gives the smallest *reachable* counterexample, or the exhaustive proof that there is none.',
  '',
  'The paragraphs below are `properties/pinNotes.ts`, which the reports and `tifcheck verify` print too; this page is generated from it (`UPDATE_PINS=1 npx vitest run properties/counterexampleIndex.test.ts`). The seeds they cite are these threads:',
  '',
];

/** The page: the introduction, the seeds, then one section per pinned `kernel/property`. */
export function pinIndexMarkdown(): string {
  const out: string[] = [];
  for (const p of INTRO) out.push(...(p === '' || p.startsWith('#') ? [p] : wrap(p, '', '', WIDTH)));
  for (const id of Object.keys(SEEDS)) out.push(...wrap(`- seed ${id}: ${seedThread(id)}`, '  ', '', WIDTH));
  for (const [pin, paragraphs] of Object.entries(PIN_NOTES)) {
    out.push('', `## ${pin}`);
    for (const p of paragraphs) out.push('', ...wrap(p, '', '', WIDTH));
  }
  return `${out.join('\n')}\n`;
}
