import type { PostmortemSection } from '@firebreak/contract';
import type { SectionEdit } from '../../data/learning';

/** What a section's editor gets: the section, how to save it, and whether saving is under way. */
export interface SectionEditorProps {
  section: PostmortemSection;
  incidentId: string;
  editing: boolean;
  saving: boolean;
  save(edit: SectionEdit): void;
  cancel(): void;
}
