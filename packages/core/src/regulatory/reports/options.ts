import type { DraftSection } from './draft';
import type { EuReportType } from './record';

/** What a caller may say about the report being drafted, beyond the record. */
export interface BuildOptions {
  /** The report's type (EU form 1.2(e)), from the obligation's stage; left out, a person chooses. */
  reportType?: EuReportType;
  /** The obligation's rule the draft is for (`eu.aia.73.2`): its filing dates the report. */
  ruleId?: string;
}

/** What one format's builder returns; `buildDraft` adds the record's identity and the summary. */
export interface Drafted {
  form: string;
  formVersion: string;
  recipient: string;
  notes: string[];
  sections: DraftSection[];
  notApplicableReason?: string;
}
