import { readProfiles, readQuestionBank, readVoices } from '../../src/cli/fs-library';
import { allowedValues } from './allowed-values';
import { questionBankTables } from './question-bank';
import { routingTables } from './routing-table';

/**
 * The parts of docs/scenario-format.md generated from the code. Each sits between its own pair of
 * markers; `npm run docs` rewrites what is between them and a unit test checks the page is current.
 */
export interface DocRegion {
  /** Names the markers: `<!-- name:start (npm run docs) -->` … `<!-- name:end -->`. */
  name: string;
  /** What the region shows, for the test's name. */
  shows: string;
  markdown: string;
}

export const startMarker = (name: string) => `<!-- ${name}:start (npm run docs) -->`;
export const endMarker = (name: string) => `<!-- ${name}:end -->`;

export function docRegions(): DocRegion[] {
  return [
    {
      name: 'routing-table',
      shows: 'the expected routing the code derives',
      markdown: routingTables(readProfiles()),
    },
    {
      name: 'allowed-values',
      shows: 'the values the format accepts',
      markdown: allowedValues(readVoices(), readProfiles()),
    },
    {
      name: 'question-bank',
      shows: 'the question and phrase ids of the shared bank',
      markdown: questionBankTables(readQuestionBank()),
    },
  ];
}

/** Where a region's content starts and ends in `doc`; throws unless its markers appear once each, in order. */
function bounds(doc: string, name: string): { from: number; to: number } {
  const start = startMarker(name);
  const end = endMarker(name);
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  if (from === -1 || to === -1) throw new Error(`the markers ${start} and ${end} are missing`);
  if (doc.indexOf(start, from + 1) !== -1 || doc.indexOf(end, to + 1) !== -1) {
    throw new Error(`the markers ${start} and ${end} must appear once each`);
  }
  if (to < from) throw new Error(`${end} comes before ${start}`);
  return { from: from + start.length, to };
}

/** What the page shows between a region's markers. */
export function regionIn(doc: string, name: string): string {
  const { from, to } = bounds(doc, name);
  return doc.slice(from, to);
}

/** The page with a region's content replaced. */
export function withRegion(doc: string, region: DocRegion): string {
  const { from, to } = bounds(doc, region.name);
  return `${doc.slice(0, from)}\n\n${region.markdown}\n\n${doc.slice(to)}`;
}
