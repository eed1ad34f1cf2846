// `npm run train:threat`: trains the learned threat reading (src/analyze/threat/learned.ts) on the
// project's synthetic posts and writes src/analyze/threat/model/threat-model.json. Repeatable:
// the same data gives the same file.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { learnedModelFile, SHIPPED_MODEL_PATH, SHIPPED_TRAINING, trainLearned } from '../src/analyze/threat/learned.js';
import { readTrainingSets } from '../src/analyze/threat/learned-training.js';

const root = path.resolve(import.meta.dirname, '..');
const { suite, blind, everyday, varied } = readTrainingSets(root);
const blindPosts = [...blind.values()].flat();
const examples = [...suite, ...blindPosts, ...everyday, ...varied];
const model = trainLearned(examples, { ...SHIPPED_TRAINING, commonFrom: everyday });
const threats = examples.filter((e) => e.isThreat).length;
const trainedOn = `src/analyze/threat/cases (${suite.length} posts), bench/fixtures/threat-*.jsonl (${blind.size} sets, ${blindPosts.length} posts) and src/analyze/threat/training (${everyday.length} everyday posts, ${varied.length} varied posts); ${threats} threats of ${examples.length}`;
const file = path.join(root, SHIPPED_MODEL_PATH);
writeFileSync(file, `${JSON.stringify(learnedModelFile(model, trainedOn))}\n`);
console.log(`${file}: ${model.weights.size} weights, trained on ${trainedOn}`);
