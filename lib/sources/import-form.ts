/** A form field's text; a file or a missing field is undefined. */
function text(formData: FormData, name: string): string | undefined {
  const value = formData.get(name);
  return typeof value === "string" ? value : undefined;
}

/**
 * The import form's fields (the page's form and a multipart POST /api/sources alike) as
 * importSource reads them (ImportSourceSchema): the uploaded `file`, or `content`, and the metadata.
 */
export function importFormInput(formData: FormData) {
  return {
    file: formData.get("file"),
    content: text(formData, "content"),
    title: text(formData, "title"),
    authors: text(formData, "authors"),
    publisher: text(formData, "publisher"),
    url: text(formData, "url"),
    publishedDate: text(formData, "publishedDate"),
    accessedDate: text(formData, "accessedDate"),
    kind: text(formData, "kind"),
    language: text(formData, "language"),
    format: text(formData, "format"),
  };
}
