import neo4j from 'neo4j-driver';
const d = neo4j.driver('bolt://127.0.0.1:7713');
const r = await d.executeQuery(process.argv[2], {}, {database:'neo4j'});
for (const rec of r.records) console.log(JSON.stringify(rec.toObject()));
await d.close();
