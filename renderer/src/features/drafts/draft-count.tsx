import { useDrafts } from './api/draft-queries';

/** The number of local drafts, for the Drafts tab in the app chrome. */
export function DraftCount() {
  const drafts = useDrafts();
  if (!drafts.isSuccess || drafts.data.length === 0) return null;
  return <span className="activity-count">{drafts.data.length}</span>;
}
