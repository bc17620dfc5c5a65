// A process starting ml2ts: opens the store at argv[2] (migrating it under the database's lock),
// then closes it. Runs on the built package, as a server would. Exits 0 on success; prints the
// error and exits 1 otherwise.
require('reflect-metadata');
const { openStore } = require('@ml2ts/store');

openStore({ url: process.argv[2] })
  .then((store) => store.close())
  .then(
    () => process.exit(0),
    (error) => {
      process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
      process.exit(1);
    },
  );
