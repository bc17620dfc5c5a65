// Another process writing the same SQLite file: takes the write lock (BEGIN IMMEDIATE) on
// argv[2], writes a network row, prints "locked", holds the lock argv[3] ms (or, when argv[3] is
// "until-released", until its parent sends "release"), then commits and exits 0. Uses
// better-sqlite3 alone, so it starts fast and needs no build.
const { setTimeout } = require('node:timers');
const Database = require('better-sqlite3');

const [path, hold] = process.argv.slice(2);
const connection = new Database(path);
connection.pragma('busy_timeout = 5000');
connection.exec('BEGIN IMMEDIATE');
connection
  .prepare(
    `INSERT INTO networks (id, project_id, name, mtu, admin_state_up, router_external, vlan_transparent, created_at)
     VALUES ('net-other-process', '', '', 1500, 1, 0, 0, '2026-01-01 00:00:00.000')`,
  )
  .run();

function commitAndExit() {
  connection.exec('COMMIT');
  connection.close();
  process.exit(0);
}

process.stdout.write('locked\n');
if (hold === 'until-released') {
  process.on('message', (message) => {
    if (message === 'release') commitAndExit();
  });
  setTimeout(() => process.exit(2), 20_000); // never outlive a test that forgot to release
} else {
  setTimeout(commitAndExit, Number(hold));
}
