import { type ReactNode, useState } from 'react';
import { Dialog, ErrorView } from '../../ui';
import { useCreateDraft } from './api/create-draft';

export interface DraftNameDialogProps {
  title: string;
  /** Prefix of the test ids: `<id>-dialog`, `<id>-confirm`, `<id>-error`. */
  testId: string;
  inputTestId: string;
  /** The field's name, and what it is for (shown after it in parentheses). */
  label: string;
  labelHint: string;
  initialRef?: string;
  placeholder?: string;
  confirmLabel: string;
  pendingLabel: string;
  /** A remote list to copy into the new draft; without one the draft starts empty. */
  from?: string;
  intro?: ReactNode;
  onCancel: () => void;
  onCreated?: () => void;
}

/** Asks for a new draft's reference (where push will write it), creates the draft and opens it. */
export function DraftNameDialog(p: DraftNameDialogProps) {
  const [ref, setRef] = useState(p.initialRef ?? '');
  const create = useCreateDraft();
  const formId = `${p.testId}-form`;
  return (
    <Dialog
      title={p.title}
      onClose={p.onCancel}
      testId={`${p.testId}-dialog`}
      footer={
        <>
          <button type="button" className="btn" onClick={p.onCancel}>
            Cancel
          </button>
          <button type="submit" form={formId} className="btn btn-primary" disabled={ref.trim() === '' || create.isPending} data-testid={`${p.testId}-confirm`}>
            {create.isPending ? p.pendingLabel : p.confirmLabel}
          </button>
        </>
      }
    >
      <form
        id={formId}
        onSubmit={(e) => {
          e.preventDefault();
          if (ref.trim() !== '') create.mutate({ ref, ...(p.from === undefined ? {} : { from: p.from }) }, { onSuccess: () => p.onCreated?.() });
        }}
      >
        {p.intro}
        <label className="field">
          <span>
            {p.label} ({p.labelHint})
          </span>
          <input
            className="input mono"
            value={ref}
            onChange={(e) => setRef(e.target.value)}
            placeholder={p.placeholder}
            aria-label={p.label}
            data-testid={p.inputTestId}
            spellCheck={false}
          />
        </label>
        {create.isError && <ErrorView error={create.error} testId={`${p.testId}-error`} />}
      </form>
    </Dialog>
  );
}
