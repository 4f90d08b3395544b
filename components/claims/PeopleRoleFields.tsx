/** One "not linked / subject / mentioned" choice per person, for the claim forms. */
export function PeopleRoleFields({
  people,
  roles,
}: {
  people: { id: string; name: string }[];
  roles?: Map<string, string>;
}) {
  return (
    <fieldset>
      <legend>People</legend>
      <div className="people-grid">
        {people.map((person) => (
          <label key={person.id}>
            {person.name}
            <select name={`person:${person.id}`} defaultValue={roles?.get(person.id) ?? ""}>
              <option value="">not linked</option>
              <option value="subject">subject</option>
              <option value="mentioned">mentioned</option>
            </select>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
