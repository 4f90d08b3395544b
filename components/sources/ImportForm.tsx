// biome-ignore-all lint/suspicious/noArrayIndexKey: the preview lists the paragraphs and sentences of one text in order; nothing reorders them
"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import type { ImportState } from "@/lib/forms/state";
import type { ImportProgress } from "@/lib/sources/import-progress";

// The import's progress is asked for this often while it runs, and shown once it has run this long.
const POLL_MS = 500;
const SHOW_AFTER_MS = 1000;

/**
 * How far the import sent with `token` has got, polled from app/sources/import/progress while
 * `running`; undefined before the first answer and for imports quicker than a second.
 */
function useImportProgress(token: string | undefined, running: boolean): ImportProgress | undefined {
  const [progress, setProgress] = useState<ImportProgress>();
  useEffect(() => {
    setProgress(undefined);
    if (!token || !running) return;
    let stopped = false;
    const started = Date.now();
    const poll = async () => {
      try {
        const response = await fetch(`/sources/import/progress?token=${encodeURIComponent(token)}`, {
          cache: "no-store",
        });
        const body = (await response.json()) as { progress?: ImportProgress | null };
        if (!stopped && body.progress && Date.now() - started >= SHOW_AFTER_MS) setProgress(body.progress);
      } catch {
        // A missed answer only delays the bar; the import itself is unaffected.
      }
    };
    const timer = setInterval(poll, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [token, running]);
  return progress;
}

// The fields as their labels name them: lib says "publishedDate: must be a date…", the member reads "Published: …".
const FIELD_WORDS: Record<string, string> = {
  file: "File",
  content: "Text",
  format: "Format",
  title: "Title",
  authors: "Authors",
  publisher: "Publisher",
  url: "URL",
  publishedDate: "Published",
  accessedDate: "Accessed",
  kind: "Kind",
  language: "Language",
};

function inWords(state: ImportState): string | undefined {
  const words = state.field ? FIELD_WORDS[state.field.split(".")[0]!] : undefined;
  const prefix = `${state.field}: `;
  return words && state.error?.startsWith(prefix) ? `${words}: ${state.error.slice(prefix.length)}` : state.error;
}

function newProgressToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * `keepKindOf`: importing a new version, whose kind is kept unless chosen here (an empty choice,
 * the default, means "as version N").
 */
export function ImportForm({
  action,
  keepKindOf,
}: {
  action: (state: ImportState, formData: FormData) => Promise<ImportState>;
  keepKindOf?: number;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  // A new token for each import, set on the hidden field as Import is clicked (before the form's data is read).
  const tokenField = useRef<HTMLInputElement>(null);
  const [progressToken, setProgressToken] = useState<string>();
  const progress = useImportProgress(progressToken, pending);
  const invalid = (field: string) => state.field === field || undefined;
  // React empties a form after its action: the form is remounted with what was typed as its defaults.
  const typed = (field: string, fallback = "") => state.values?.[field] ?? fallback;
  return (
    <form action={formAction} className="stack-form" key={state.submission ?? 0}>
      <input type="hidden" name="progressToken" ref={tokenField} />
      <fieldset>
        <legend>Text</legend>
        <label>
          Upload a file (.txt, .md or .html, up to 5 MB)
          <input
            type="file"
            name="file"
            accept=".txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html"
            aria-invalid={invalid("file")}
          />
        </label>
        <label>
          …or paste the text
          <textarea name="content" rows={10} aria-invalid={invalid("content")} defaultValue={typed("content")} />
        </label>
        <label>
          Format
          <select name="format" defaultValue={typed("format")}>
            <option value="">detect from the file name or content</option>
            <option value="text">plain text</option>
            <option value="markdown">Markdown</option>
            <option value="html">HTML</option>
          </select>
        </label>
      </fieldset>
      <fieldset>
        <legend>Citation</legend>
        <label>
          Title (taken from an HTML page when left empty)
          <input name="title" maxLength={500} aria-invalid={invalid("title")} defaultValue={typed("title")} />
        </label>
        <label>
          Authors (one per line, or separated by ;)
          <textarea name="authors" rows={2} defaultValue={typed("authors")} />
        </label>
        <label>
          Publisher or site
          <input name="publisher" maxLength={300} defaultValue={typed("publisher")} />
        </label>
        <label>
          URL
          <input name="url" type="url" maxLength={2000} aria-invalid={invalid("url")} defaultValue={typed("url")} />
        </label>
        <div className="inline-fields">
          <label>
            Published (1934, Dec 1934 or 1 Dec 1934)
            <input name="publishedDate" aria-invalid={invalid("publishedDate")} defaultValue={typed("publishedDate")} />
          </label>
          <label>
            Accessed
            <input
              name="accessedDate"
              defaultValue={typed("accessedDate", new Date().toISOString().slice(0, 10))}
              aria-invalid={invalid("accessedDate")}
            />
          </label>
          <label>
            Kind
            <select name="kind" defaultValue={typed("kind", keepKindOf ? "" : "web_page")}>
              {keepKindOf && <option value="">as version {keepKindOf}</option>}
              <option value="web_page">web page</option>
              <option value="article">article</option>
              <option value="book">book</option>
              <option value="archive_document">archive document</option>
              <option value="other">other</option>
            </select>
          </label>
          <label>
            Language
            <input name="language" maxLength={20} placeholder="detected" size={8} defaultValue={typed("language")} />
          </label>
        </div>
      </fieldset>
      <div className="form-actions">
        <button type="submit" name="intent" value="preview" className="button-plain" disabled={pending}>
          Preview
        </button>
        <button
          type="submit"
          name="intent"
          value="import"
          disabled={pending}
          onClick={() => {
            const token = newProgressToken();
            if (tokenField.current) tokenField.current.value = token;
            setProgressToken(token);
          }}
        >
          {pending ? "Working…" : "Import"}
        </button>
        {pending && progress && (
          <p className="small" role="status">
            <progress max={1} value={progress.fraction} aria-label="Import progress" />{" "}
            {Math.floor(progress.fraction * 100)}% · {progress.label}
          </p>
        )}
        {state.error && (
          <p role="alert" className="form-error">
            {inWords(state)}
          </p>
        )}
      </div>
      {state.fileMoved && (
        <p className="small" role="status">
          The text of {state.fileMoved} is now in the text box above (a browser cannot keep a chosen file across a
          preview); Import imports it from there.
        </p>
      )}
      {state.preview && (
        <section aria-label="Preview" className="card">
          <h2>Preview: {state.preview.title}</h2>
          <p className="small muted">
            {state.preview.format}, language {state.preview.language}, {state.preview.characters.toLocaleString()}{" "}
            characters, {state.preview.paragraphCount} paragraphs, {state.preview.sentenceCount} sentences
            {state.preview.paragraphCount > 30 ? " (first 30 paragraphs shown)" : ""}. Nothing is saved until you
            import.
          </p>
          {state.preview.paragraphs.map((paragraph, index) => (
            <div key={index} className="preview-paragraph">
              <ol>
                {paragraph.sentences.map((sentence, sentenceIndex) => (
                  <li key={sentenceIndex}>{sentence}</li>
                ))}
              </ol>
            </div>
          ))}
        </section>
      )}
    </form>
  );
}
