import { redirect } from "next/navigation";
import { ImportForm } from "@/components/sources/ImportForm";
import { getRequestActor } from "@/lib/auth/actor";
import { can } from "@/lib/permissions";
import { importOrPreviewAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Import a source" };

export default async function ImportPage() {
  const actor = await getRequestActor();
  if (!actor) redirect("/signin?callbackUrl=/sources/import");
  if (!can(actor, "import:source"))
    return <p className="empty">Your role cannot import sources. Ask an admin for contributor access.</p>;
  return (
    <>
      <h1>Import a source</h1>
      <p className="muted">
        The text is cleaned (markup removed, entities decoded, spaces normalised) and split into paragraphs and
        sentences that can be cited. Preview first to check the split; importing the same text twice finds the existing
        source.
      </p>
      <ImportForm action={importOrPreviewAction} />
    </>
  );
}
