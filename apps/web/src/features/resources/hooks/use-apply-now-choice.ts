import { useState } from 'react';
import type { DocFormat } from '@perses-cm/api';
import { CONFIGMAP_MAX_BYTES } from '@perses-cm/resources';
import { useApplyNow } from '../api/get-apply-now.ts';
import { useValidation } from '../api/validate-resource.ts';
import type { ApplyNowChoice } from '../components/apply-now-box.tsx';

/**
 * The "apply now" choice of the editor's review and delete dialogs, asked of the server only while
 * one is open, and Perses's verdict on exactly the text under review (the live check's query):
 * saving a text Perses refuses writes the ConfigMap only, as the server would refuse a direct write.
 */
export function useApplyNowChoice(
  review: { open: boolean; text: string; format: DocFormat; bytes: number },
  deleting: boolean,
) {
  // Null until the person chooses: the settings' default (apply now by default) decides.
  const [chosen, setOn] = useState<boolean | null>(null);
  const availability = useApplyNow(review.open || deleting);
  const on = chosen ?? availability.data?.byDefault ?? true;
  const choice: ApplyNowChoice = {
    checked: on,
    unavailable: availability.data
      ? availability.data.reason
      : availability.error
        ? `the console did not answer (${availability.error.message})`
        : undefined,
    onChange: setOn,
  };
  const validation = useValidation(
    review.open && review.bytes <= CONFIGMAP_MAX_BYTES ? review.text : null,
    review.format,
  );
  const verdict = validation.isPlaceholderData ? undefined : validation.data?.perses;
  const persesRefuses = verdict?.checked === true && verdict.valid === false;
  const applying = on && availability.data?.available === true;
  return {
    /** For the delete dialog. */
    choice,
    /** For the review dialog: off with the reason when Perses refuses the text. */
    reviewChoice: persesRefuses
      ? {
          ...choice,
          unavailable: 'Perses refuses this text; saving anyway writes only the ConfigMap',
        }
      : choice,
    verdict,
    /** Whether a delete goes to Perses too. */
    applying,
    /** Whether the save under review goes to Perses too. */
    applyingSave: applying && !persesRefuses,
  };
}
