import "server-only";
import type { Db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import type { MaybeActor } from "@/lib/permissions";
import { type ClaimPersonRole, roleForNext } from "./named";
import { listPeople, type NamedPersonDto, type PersonSummaryDto, peopleNamedIn } from "./queries";
import { PeoplePickerParamsSchema, PICKER_PARAMS } from "./schemas";

export type PickedPersonDto = { id: string; name: string; role: ClaimPersonRole };

export type PeoplePickerDto = {
  statement: string;
  /** The people the form links, with their roles, in the order they were chosen. */
  chosen: PickedPersonDto[];
  /** The people the statement names who are not chosen yet, offered to add. */
  named: NamedPersonDto[];
  /** The picker's search, and what it found (null: no search), when it came back without JavaScript. */
  query: string;
  matches: PersonSummaryDto[] | null;
  /**
   * This page is the picker's own round trip (its Find or Add button without JavaScript): the
   * form's other fields came back in the URL too, and the page puts them back.
   */
  roundTrip: boolean;
};

const PERSON_FIELD = "person:";
const ID = /^[A-Za-z0-9_-]{1,64}$/;
// CreateClaimSchema allows 50; a few more are read so that lib, not the picker, names the limit.
const MAX_CHOSEN = 60;
const MATCHES = 20;
const isRole = (value: string | undefined): value is ClaimPersonRole => value === "subject" || value === "mentioned";

/**
 * What the claim forms' people picker starts from. Usually the form's own state (`current`: the
 * claim's people and statement, or nothing for a new claim). Without JavaScript the picker's Find
 * and Add buttons send the whole form back to its page as a GET (`params`): then the chosen people
 * are read from its "person:<id>" fields (a role of "" means removed), plus the one added
 * ("peopleAdd" = "<id>:<role>"), and the search ("peopleQuery") is run. Either way the people the
 * statement names and nobody chose yet are offered.
 */
export async function loadPeoplePicker(db: Db, actor: MaybeActor, input: unknown): Promise<PeoplePickerDto> {
  const { params, current } = parseInput(PeoplePickerParamsSchema, input);
  const first = (name: string) => {
    const value = params[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const roundTrip = [PICKER_PARAMS.query, PICKER_PARAMS.find, PICKER_PARAMS.add].some((name) => name in params);

  let chosen: { id: string; name?: string; role: ClaimPersonRole }[];
  let statement: string;
  let query = "";
  if (roundTrip) {
    statement = first("statement") ?? "";
    query = (first(PICKER_PARAMS.query) ?? "").trim().slice(0, 200);
    chosen = [];
    for (const [key, value] of Object.entries(params)) {
      const role = Array.isArray(value) ? value[0] : value;
      const id = key.slice(PERSON_FIELD.length);
      if (key.startsWith(PERSON_FIELD) && ID.test(id) && isRole(role)) chosen.push({ id, role });
    }
    const [addId, addRole] = (first(PICKER_PARAMS.add) ?? "").split(":");
    if (addId && ID.test(addId) && !chosen.some((person) => person.id === addId))
      chosen.push({ id: addId, role: isRole(addRole) ? addRole : roleForNext(chosen) });
    chosen = chosen.slice(0, MAX_CHOSEN);
  } else {
    statement = current.statement;
    chosen = current.people.map((person) => ({ id: person.personId, name: person.name, role: person.role }));
  }

  // Names for the people the URL named by id (unknown ids drop out).
  const unnamed = chosen.filter((person) => person.name === undefined).map((person) => person.id);
  const names = new Map(
    unnamed.length === 0
      ? []
      : (await db.person.findMany({ where: { id: { in: unnamed } }, select: { id: true, name: true } })).map(
          (person) => [person.id, person.name],
        ),
  );
  const picked: PickedPersonDto[] = chosen.flatMap((person) => {
    const name = person.name ?? names.get(person.id);
    return name === undefined ? [] : [{ id: person.id, name, role: person.role }];
  });
  // A claim's people (stored in no particular order) are shown subjects first, by name; a round
  // trip keeps the order the member chose them in.
  if (!roundTrip)
    picked.sort((a, b) => Number(a.role !== "subject") - Number(b.role !== "subject") || a.name.localeCompare(b.name));

  const chosenIds = new Set(picked.map((person) => person.id));
  const text = statement.trim().slice(0, 1000);
  const named = text ? (await peopleNamedIn(db, actor, { text })).filter((person) => !chosenIds.has(person.id)) : [];
  const matches = query ? await listPeople(db, actor, { q: query, limit: MATCHES }) : null;
  return { statement, chosen: picked, named, query, matches, roundTrip };
}
