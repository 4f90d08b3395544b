const votesText = (count: number) => `${count} vote${count === 1 ? "" : "s"}`;

/**
 * The moderator's choice for a claim's votes when a change rewords it: keep them for the new
 * wording, or ask their voters to confirm. No default: lib refuses a rewording without a choice
 * (and ignores one a change that keeps the words does not need), so the form may always offer it.
 */
export function VotesOnRewordingField({
  votes,
  awaitingConfirmation = 0,
  when,
  defaultValue,
}: {
  /** Votes on the claim's current wording. */
  votes: number;
  /** Votes already waiting for confirmation on an earlier wording (they are not carried over either way). */
  awaitingConfirmation?: number;
  /** When the choice applies, for the legend: "If you change the statement's words". */
  when: string;
  /** The choice already made, when the form comes back (the people picker's round trip without JavaScript). */
  defaultValue?: string;
}) {
  return (
    <fieldset className="votes-on-rewording">
      <legend>
        This claim carries {votesText(votes)}
        {awaitingConfirmation > 0 ? ` (and ${awaitingConfirmation} more await confirmation)` : ""}
      </legend>
      <p className="small muted">
        {when}, say what the votes answer. Changes of case, accents or punctuation alone leave them as they are.
      </p>
      <label className="checkbox">
        <input type="radio" name="votesOnRewording" value="keep" defaultChecked={defaultValue === "keep"} /> Keep them:
        the new words ask the same question, and the votes count for them
      </label>
      <label className="checkbox">
        <input type="radio" name="votesOnRewording" value="confirm" defaultChecked={defaultValue === "confirm"} /> Ask
        voters to confirm: the votes are marked as cast on an earlier wording and leave the team&apos;s figures until
        each voter confirms or changes theirs
      </label>
    </fieldset>
  );
}
