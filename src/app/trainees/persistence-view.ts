import type { PersistenceInfo, PersistenceRequest } from '../platform/storage/types';

export function megabytes(bytes: number): string {
  const mb = bytes / 1_000_000;
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb).toLocaleString('en-US')} MB`;
}

export interface PersistenceView {
  state: string;
  /** "2.1 MB of 1,200 MB used", when the browser tells. */
  usage: string | undefined;
  /** Set when the data may be lost without anyone deleting it. */
  warning: string | undefined;
}

export function describePersistence(info: PersistenceInfo): PersistenceView {
  const usage =
    info.usage !== undefined && info.quota !== undefined
      ? `${megabytes(info.usage)} of ${megabytes(info.quota)} used`
      : info.usage !== undefined
        ? `${megabytes(info.usage)} used`
        : undefined;
  switch (info.state) {
    case 'granted':
      return {
        state: 'Granted: the browser keeps this data even when the disk runs low.',
        usage,
        warning: undefined,
      };
    case 'not-granted':
      return {
        state: 'Not granted.',
        usage,
        warning:
          'The browser may delete this data when the computer runs low on storage. Ask it to keep the data, and export your records now and then.',
      };
    case 'unsupported':
      return {
        state: 'Unsupported: this browser cannot promise to keep the data.',
        usage,
        warning:
          'The browser may delete this data when the computer runs low on storage. Export your records now and then.',
      };
  }
}

export function describeRequest(answer: PersistenceRequest): string {
  switch (answer) {
    case 'granted':
      return 'The browser agreed to keep this data.';
    case 'denied':
      return 'The browser did not agree (browsers often decide by how much the site is used, or ask you). Export your records to be safe.';
    case 'unsupported':
      return 'This browser cannot be asked to keep the data. Export your records to be safe.';
  }
}
