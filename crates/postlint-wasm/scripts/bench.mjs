// Times Linter.lint() from JavaScript (the whole call: string in, findings out
// as JS objects) on a 280-character and a 3,000-character post.
//
//   node scripts/bench.mjs [runs]        (after scripts/build.sh)
//
// Prints median and p99 in milliseconds for each post, and the machine.
import os from "node:os";
import { performance } from "node:perf_hooks";
import { Linter } from "../pkg/node.js";

const runs = Number(process.argv[2] ?? 5000);

// A realistic 280-character (UTF-16 units) post: one identifier, one promo code, one disguised swear word.
const short =
  "Long night on the ward but we got there. Pt's NHS no is 401 023 2137 if anyone from day shift needs it. " +
  "What a f*cking rota this month 😩 Off to the gym now: use code PHYSIO20 for 20% off the bands I use with clients. " +
  "Handover notes on the board, as ever! #NHS #physio #nightshift";

// A long post: clean clinical writing with a handful of findings spread through it.
const paragraphs = [
  "Reflections after twelve years in community physiotherapy. When I qualified I thought the job was mostly exercise " +
    "prescription; it turns out to be listening, explaining and negotiating with people about what matters to them. ",
  "This week a gentleman in his eighties taught me more about goal setting than any course: he did not want to walk " +
    "further, he wanted to get back to his allotment, and that changed every part of the plan we made together. ",
  "Team huddles work when everyone speaks. Our band 5s now lead the Monday board round and the quality of handover " +
    "has gone up noticeably. Psychological safety is not a poster on the wall, it is who gets to talk first. ",
  "Reminder to colleagues: never share screenshots of the electronic record, even cropped. I saw one this week with " +
    "a hospital number visible in the corner, RXH 1234567, and the poster had no idea. ",
  "Evidence corner: the latest Cochrane review on exercise for chronic low back pain is worth your time, with " +
    "moderate certainty evidence that exercise reduces pain compared with no treatment. Read it before you argue online. ",
  "Kit I recommend to patients: a simple resistance band and a step. Nothing fancy. My code PHYSIO20 still works on " +
    "the bands if anyone wants them. ",
  "Frustrations: the car park, the printer, the sh1t coffee machine on level two, and the fact that the referral " +
    "form still asks for a fax number in this decade. ",
  "Thank you to the porters, the domestic team and the ward clerks. Nothing moves without them and they rarely get " +
    "the credit. ",
];
let long = "";
for (let i = 0; long.length < 3000; i++) long += paragraphs[i % paragraphs.length];
long = long.slice(0, 3000);

if (short.length !== 280 || long.length !== 3000) throw new Error(`post lengths ${short.length}, ${long.length}`);

const linter = new Linter();

function measure(text) {
  const findings = linter.lint(text).length;
  for (let i = 0; i < 200; i++) linter.lint(text); // warm up (JIT, allocator)
  const times = new Float64Array(runs);
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    linter.lint(text);
    times[i] = performance.now() - t0;
  }
  times.sort();
  const at = (q) => times[Math.min(runs - 1, Math.floor(q * runs))];
  return { chars: text.length, findings, median: at(0.5), p99: at(0.99) };
}

const results = [measure(short), measure(long)];
const cpu = os.cpus()[0]?.model ?? "unknown CPU";
console.log(`lint() in Node ${process.version}, ${runs} runs each, ${cpu} (${os.cpus().length} cores)`);
for (const r of results) {
  console.log(
    `  ${String(r.chars).padStart(5)} chars, ${r.findings} findings: median ${r.median.toFixed(3)} ms, p99 ${r.p99.toFixed(3)} ms`,
  );
}
