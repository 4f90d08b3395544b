// What a server action hands back to the form that called it. Shared by the actions (app/) and
// the client components that render the outcome (components/), so it lives here, free of any
// server-only import.
import type { ImportPreviewDto } from "@/lib/sources/import";

/** The outcome of a form's last submission: an error naming the field, or a confirmation. */
export type FormState = { error?: string; field?: string; message?: string; data?: Record<string, string> };

/**
 * The import form's outcome: like FormState, or the preview of what an import would create. It also
 * carries back what was typed (`values`), because React resets a form after its action runs, and a
 * count of submissions that remounts the form with those values.
 */
export type ImportState = {
  error?: string;
  field?: string;
  preview?: ImportPreviewDto;
  message?: string;
  values?: Record<string, string>;
  /** A chosen file cannot be put back into a file input: its text is moved to the text box instead. */
  fileMoved?: string;
  submission?: number;
};
