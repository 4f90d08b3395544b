import { redirect } from "next/navigation";
import { orNotFound } from "@/app/_helpers";
import { ImportForm } from "@/components/sources/ImportForm";
import { getRequestActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { can } from "@/lib/permissions";
import { getSourceHeading } from "@/lib/sources/queries";
import { importOrPreviewAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Import a source" };

export default async function ImportPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { versionOf } = await searchParams;
  const here =
    typeof versionOf === "string" ? `/sources/import?versionOf=${encodeURIComponent(versionOf)}` : "/sources/import";
  const actor = await getRequestActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(here)}`);
  if (!can(actor, "import:source"))
    return <p className="empty">Your role cannot import sources. Ask an admin for contributor access.</p>;
  if (typeof versionOf === "string") {
    const source = await orNotFound(getSourceHeading(getDb(), { sourceId: versionOf }));
    return (
      <>
        <h1>Import a new version of “{source.title}”</h1>
        <p className="muted">
          Version {source.versionNumber} stays as it is, and every citation of it stays readable. Each cited passage is
          looked for in the new text: where the same words are found, the citation moves to the new version; where the
          words changed, a moderator confirms the new wording first; where they are gone, the citation stays on version{" "}
          {source.versionNumber} and is flagged on its claim. Fields left empty keep version {source.versionNumber}
          &apos;s title, authors and other details.
        </p>
        <ImportForm action={importOrPreviewAction.bind(null, source.id)} keepKindOf={source.versionNumber} />
      </>
    );
  }
  return (
    <>
      <h1>Import a source</h1>
      <p className="muted">
        The text is cleaned (markup removed, entities decoded, spaces normalised) and split into paragraphs and
        sentences that can be cited. Preview first to check the split; importing the same text twice finds the existing
        source.
      </p>
      <ImportForm action={importOrPreviewAction.bind(null, null)} />
    </>
  );
}
