"use client";

import { type KeyboardEvent, useEffect, useId, useRef, useState, useSyncExternalStore } from "react";
import { type ClaimPersonRole, roleForNext } from "@/lib/people/named";
import type { PeoplePickerDto, PickedPersonDto } from "@/lib/people/picker";
import type { NamedPersonDto, PersonSummaryDto } from "@/lib/people/queries";
import { PICKER_PARAMS } from "@/lib/people/schemas";

const SEARCH_WAIT_MS = 150;
const NAMED_WAIT_MS = 400;
const MIN_QUERY = 2;
// Shorter than any name with a surname the detector would attach.
const MIN_STATEMENT = 3;
const OPTIONS = 8;
const ROLES: ClaimPersonRole[] = ["subject", "mentioned"];

type Option = Pick<PersonSummaryDto, "id" | "name" | "matched">;

const subscribeToNothing = () => () => {};
/** False in the server's HTML and while hydrating (so both render the same), true once the script runs. */
function useScriptRuns(): boolean {
  return useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
}

/**
 * The people a claim links, chosen by typing any spelling of a name (the app's own matching,
 * through GET /api/people?q), and offered from the statement as it is typed (GET
 * /api/people/named-in): never added without a click. Each chosen person is posted as
 * "person:<id>" = role, the fields the claim forms' actions read.
 *
 * Without JavaScript the same fieldset works through its page: Find and Add send the whole form
 * back to `page` as a GET, and the page (lib/people/picker.ts) renders it again with the person
 * added and the search's matches listed; a person is removed by setting them "not linked".
 */
export function PeoplePicker({
  picker,
  statement,
  page,
}: {
  picker: PeoplePickerDto;
  /** The statement as it is now (it names the people offered). */
  statement: string;
  /** The form's page, for the Find and Add buttons without JavaScript. */
  page: string;
}) {
  const scripted = useScriptRuns();
  const [chosen, setChosen] = useState<PickedPersonDto[]>(picker.chosen);
  return (
    <fieldset className="people-picker">
      <legend>People</legend>
      {scripted ? (
        <LivePicker chosen={chosen} setChosen={setChosen} picker={picker} statement={statement} />
      ) : (
        <FormPicker picker={picker} page={page} />
      )}
    </fieldset>
  );
}

/** The picker without JavaScript: every change is a round trip through the form's page. */
function FormPicker({ picker, page }: { picker: PeoplePickerDto; page: string }) {
  const roundTrip = { type: "submit", formAction: page, formMethod: "get", formNoValidate: true } as const;
  const nextRole = roleForNext(picker.chosen);
  return (
    <>
      {picker.chosen.length === 0 ? (
        <p className="small muted">Nobody linked yet.</p>
      ) : (
        <ul className="people-chosen">
          {picker.chosen.map((person) => (
            <li key={person.id} className="person-chip">
              <span className="person-chip-name">{person.name}</span>
              <select name={`person:${person.id}`} defaultValue={person.role} aria-label={`Role of ${person.name}`}>
                <option value="subject">subject</option>
                <option value="mentioned">mentioned</option>
                <option value="">not linked (remove)</option>
              </select>
            </li>
          ))}
        </ul>
      )}
      <div className="inline-fields">
        <label>
          Add a person (any spelling)
          <input type="search" name={PICKER_PARAMS.query} defaultValue={picker.query} maxLength={200} />
        </label>
        <button {...roundTrip} name={PICKER_PARAMS.find} value="1" className="button-plain">
          Find
        </button>
      </div>
      {picker.matches && picker.matches.length === 0 && (
        <p className="small muted">Nobody is known as “{picker.query}”.</p>
      )}
      {picker.matches && picker.matches.length > 0 && (
        <ul className="people-matches">
          {picker.matches.map((person) => (
            <li key={person.id}>
              {person.name}
              {person.matched && <span className="muted"> ({person.matched})</span>}{" "}
              {picker.chosen.some((other) => other.id === person.id) ? (
                <span className="small muted">linked</span>
              ) : (
                <button
                  {...roundTrip}
                  name={PICKER_PARAMS.add}
                  value={`${person.id}:${nextRole}`}
                  className="button-plain small-button"
                >
                  Add {person.name} ({nextRole})
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {picker.named.length > 0 && (
        <div className="people-named">
          <p className="small">Named in the statement:</p>
          <ul className="people-named-list">
            {picker.named.map((person) => (
              <li key={person.id}>
                <button
                  {...roundTrip}
                  name={PICKER_PARAMS.add}
                  value={`${person.id}:${person.role}`}
                  className="button-plain small-button"
                >
                  Add {person.name} ({person.role})
                </button>
                {person.ambiguous && <NamedAmbiguously person={person} />}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

function NamedAmbiguously({ person }: { person: NamedPersonDto }) {
  return <span className="small muted"> “{person.surface}” may mean someone else</span>;
}

/** The picker with JavaScript: a type-ahead (an ARIA 1.2 combobox with a listbox popup) and chips. */
function LivePicker({
  chosen,
  setChosen,
  picker,
  statement,
}: {
  chosen: PickedPersonDto[];
  setChosen: (update: (chosen: PickedPersonDto[]) => PickedPersonDto[]) => void;
  picker: PeoplePickerDto;
  statement: string;
}) {
  const id = useId();
  const inputId = `${id}-input`;
  const listId = `${id}-list`;
  const optionId = (index: number) => `${id}-option-${index}`;
  const inputRef = useRef<HTMLInputElement>(null);
  const chipsRef = useRef<HTMLUListElement>(null);
  const namedRef = useRef<HTMLUListElement>(null);

  const [query, setQuery] = useState("");
  const [options, setOptions] = useState<Option[] | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [named, setNamed] = useState<NamedPersonDto[]>(picker.named);
  const [announcement, setAnnouncement] = useState("");
  // Where focus goes once a chip or a suggestion it was on has gone.
  const [focusNext, setFocusNext] = useState<{ in: "chips" | "named"; index: number } | null>(null);

  // Matches for what is typed, under any spelling.
  useEffect(() => {
    const typed = query.trim();
    const controller = new AbortController();
    const timer = setTimeout(
      async () => {
        if (typed.length < MIN_QUERY) {
          setOptions(null);
          return;
        }
        try {
          const params = new URLSearchParams({ q: typed, limit: String(OPTIONS) });
          const response = await fetch(`/api/people?${params}`, { signal: controller.signal });
          if (!response.ok) return;
          const found = ((await response.json()) as { items: Option[] }).items;
          setOptions(found);
          // Not over the page for someone who has moved on while the answer came.
          setOpen(document.activeElement === inputRef.current);
          setActive(-1);
          setAnnouncement(
            found.length === 0
              ? `Nobody is known as ${typed}.`
              : `${found.length} ${found.length === 1 ? "person matches" : "people match"}; use the arrow keys to choose.`,
          );
        } catch {
          // Superseded by the next keystroke, or offline: the list stays as it was.
        }
      },
      typed.length < MIN_QUERY ? 0 : SEARCH_WAIT_MS,
    );
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);

  // The people the statement names, as it changes (the page computed them for its first text).
  const namedFor = useRef(picker.statement.trim());
  useEffect(() => {
    const text = statement.trim();
    if (text === namedFor.current) return;
    const controller = new AbortController();
    const timer = setTimeout(
      async () => {
        if (text.length < MIN_STATEMENT) {
          namedFor.current = text;
          setNamed([]);
          return;
        }
        try {
          const params = new URLSearchParams({ text: text.slice(0, 1000) });
          const response = await fetch(`/api/people/named-in?${params}`, { signal: controller.signal });
          if (!response.ok) return;
          namedFor.current = text;
          setNamed(((await response.json()) as { items: NamedPersonDto[] }).items);
        } catch {
          // A cancelled or failed look-up leaves the last suggestions; choosing by name still works.
        }
      },
      text.length < MIN_STATEMENT ? 0 : NAMED_WAIT_MS,
    );
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [statement]);

  // The active option stays in view as the arrow keys move through a long list.
  useEffect(() => {
    if (open && active >= 0) document.getElementById(`${id}-option-${active}`)?.scrollIntoView({ block: "nearest" });
  }, [open, active, id]);

  // Focus moves to the neighbour of what was removed, or to the search box.
  useEffect(() => {
    if (!focusNext) return;
    const container = focusNext.in === "chips" ? chipsRef.current : namedRef.current;
    const buttons = container ? [...container.querySelectorAll("button")] : [];
    (buttons[Math.min(focusNext.index, buttons.length - 1)] ?? inputRef.current)?.focus();
    setFocusNext(null);
  }, [focusNext]);

  const isChosen = (personId: string) => chosen.some((person) => person.id === personId);
  const offered = named.filter((person) => !isChosen(person.id));

  const add = (person: { id: string; name: string }, role: ClaimPersonRole) => {
    if (isChosen(person.id)) return;
    setChosen((current) => [...current, { id: person.id, name: person.name, role }]);
    setAnnouncement(`Added ${person.name} as ${role}.`);
  };

  const choose = (option: Option) => {
    if (isChosen(option.id)) return;
    add(option, roleForNext(chosen));
    setQuery("");
    setOptions(null);
    setOpen(false);
    setActive(-1);
  };

  const remove = (person: PickedPersonDto, index: number) => {
    setChosen((current) => current.filter((other) => other.id !== person.id));
    setAnnouncement(`Removed ${person.name}.`);
    setFocusNext({ in: "chips", index });
  };

  const setRole = (personId: string, role: ClaimPersonRole) =>
    setChosen((current) => current.map((person) => (person.id === personId ? { ...person, role } : person)));

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const count = options?.length ?? 0;
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (count === 0) return;
        setOpen(true);
        setActive((current) => (open ? (current + 1) % count : 0));
        return;
      case "ArrowUp":
        event.preventDefault();
        if (count === 0) return;
        setOpen(true);
        setActive((current) => (open && current > 0 ? current - 1 : count - 1));
        return;
      case "Enter": {
        // Never the form's submission: Enter here chooses.
        event.preventDefault();
        const option = open && active >= 0 ? options?.[active] : undefined;
        if (option) choose(option);
        return;
      }
      case "Escape":
        if (open) {
          event.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (query) {
          event.preventDefault();
          setQuery("");
        }
        return;
      case "Tab":
        setOpen(false);
        return;
    }
  };

  const expanded = open && options !== null && options.length > 0;
  return (
    <>
      {chosen.length === 0 ? (
        <p className="small muted">Nobody linked yet.</p>
      ) : (
        <ul className="people-chosen" ref={chipsRef}>
          {chosen.map((person, index) => (
            <li key={person.id} className="person-chip">
              <span className="person-chip-name">{person.name}</span>
              <RoleSelect person={person} onChange={(role) => setRole(person.id, role)} />
              <input type="hidden" name={`person:${person.id}`} value={person.role} />
              <button
                type="button"
                className="button-plain small-button"
                aria-label={`Remove ${person.name}`}
                onClick={() => remove(person, index)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="combobox">
        <label htmlFor={inputId}>Add a person (any spelling)</label>
        <input
          id={inputId}
          ref={inputRef}
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
          autoComplete="off"
          maxLength={200}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
          onFocus={() => options && options.length > 0 && setOpen(true)}
          onBlur={() => {
            setOpen(false);
            setActive(-1);
          }}
        />
        <div id={listId} role="listbox" aria-label="Matching people" className="combobox-options" hidden={!expanded}>
          {expanded &&
            options.map((option, index) => {
              const taken = isChosen(option.id);
              return (
                // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard chooses through the combobox (aria-activedescendant), as ARIA's pattern has it
                <div
                  key={option.id}
                  id={optionId(index)}
                  role="option"
                  // Out of the tab order: focus stays in the box, which points at the active option.
                  tabIndex={-1}
                  aria-selected={index === active}
                  aria-disabled={taken || undefined}
                  className={index === active ? "active" : undefined}
                  // Keeps focus in the box, so the list does not close before the click lands.
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => choose(option)}
                >
                  {option.name}
                  {option.matched && <span className="muted"> ({option.matched})</span>}
                  {taken && <span className="small muted"> linked</span>}
                </div>
              );
            })}
        </div>
        {open && options !== null && options.length === 0 && (
          <p className="small muted">Nobody is known as “{query.trim()}”.</p>
        )}
      </div>
      {offered.length > 0 && (
        <div className="people-named">
          <p className="small">Named in the statement:</p>
          <ul className="people-named-list" ref={namedRef}>
            {offered.map((person, index) => (
              <li key={person.id}>
                <button
                  type="button"
                  className="button-plain small-button"
                  onClick={() => {
                    add(person, person.role);
                    setFocusNext({ in: "named", index });
                  }}
                >
                  Add {person.name} ({person.role})
                </button>
                {person.ambiguous && <NamedAmbiguously person={person} />}
              </li>
            ))}
          </ul>
        </div>
      )}
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
    </>
  );
}

/**
 * A chosen person's role. Its value is posted by the hidden field beside it; React resets a form
 * after its action runs, and a select's reset goes to its default option, so the default follows
 * the choice and a failed submission shows the roles as they were chosen.
 */
function RoleSelect({ person, onChange }: { person: PickedPersonDto; onChange: (role: ClaimPersonRole) => void }) {
  const ref = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    for (const option of ref.current?.options ?? []) option.defaultSelected = option.value === person.role;
  }, [person.role]);
  return (
    <select
      ref={ref}
      aria-label={`Role of ${person.name}`}
      value={person.role}
      onChange={(event) => onChange(event.target.value as ClaimPersonRole)}
    >
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {role}
        </option>
      ))}
    </select>
  );
}
