"use client";

import { type ReactNode, useState } from "react";
import type { PeoplePickerDto } from "@/lib/people/picker";
import { PeoplePicker } from "./PeoplePicker";
import { StatementField } from "./StatementField";

/**
 * A claim form's statement and its people: the picker offers the people the statement names as it
 * is typed. `children` go between the two (the edit form's status and votes fields).
 */
export function StatementWithPeople({
  picker,
  page,
  findSimilar = true,
  exclude,
  children,
}: {
  picker: PeoplePickerDto;
  /** The form's page: where the picker's buttons send the form without JavaScript. */
  page: string;
  /** Warn of existing claims that say the same (a new claim). */
  findSimilar?: boolean;
  exclude?: string;
  children?: ReactNode;
}) {
  const [statement, setStatement] = useState(picker.statement);
  return (
    <>
      <StatementField
        defaultValue={picker.statement}
        findSimilar={findSimilar}
        exclude={exclude}
        onTextChange={setStatement}
      />
      {children}
      <PeoplePicker picker={picker} statement={statement} page={page} />
    </>
  );
}
