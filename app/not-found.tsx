import Link from "next/link";

export default function NotFound() {
  return (
    <>
      <h1>Not found</h1>
      <p>There is nothing at this address. It may have been removed, or the link may be mistyped.</p>
      <p>
        <Link href="/claims">Browse the claims</Link> · <Link href="/people">find a person</Link> ·{" "}
        <Link href="/sources">read the sources</Link>
      </p>
    </>
  );
}
