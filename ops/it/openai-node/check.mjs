// The official openai npm package against a running Thinkmeter: models, a chat completion, streaming,
// errors, and a batch through /v1/files and /v1/batches. Run by ops/it's OpenAiSdkIT, which checks the
// last line (a JSON summary) against the ledger.
//   THINKMETER_BASE_URL=http://127.0.0.1:8080/v1 THINKMETER_API_KEY=tm_... THINKMETER_PROBLEMS=eval.jsonl node check.mjs
import OpenAI, { toFile } from 'openai';
import assert from 'node:assert/strict';
import fs from 'node:fs';

const baseURL = process.env.THINKMETER_BASE_URL;
const apiKey = process.env.THINKMETER_API_KEY;
const problems = fs.readFileSync(process.env.THINKMETER_PROBLEMS, 'utf8').split('\n').filter(l => l.trim())
  .map(l => JSON.parse(l));
const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 120_000 });
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

const models = [];
for await (const m of client.models.list()) models.push(m.id);
assert.ok(models.includes('tiny-reasoner'), `served models: ${models}`);

const chat = await client.chat.completions.create({
  model: 'o4-mini', messages: [{ role: 'user', content: 'Compute 478 + 356.' }],
  max_completion_tokens: 96, reasoning_effort: 'medium',
});
assert.equal(chat.object, 'chat.completion');
assert.ok(chat.usage.completion_tokens <= 96, JSON.stringify(chat.usage));
assert.match(chat.choices[0].message.content, /834/);

const stream = await client.chat.completions.create({
  model: 'o4-mini', messages: [{ role: 'user', content: 'Compute 478 + 356.' }], max_completion_tokens: 96,
  reasoning_effort: 'low', stream: true, stream_options: { include_usage: true },
});
let streamed = '';
let streamUsage = null;
for await (const chunk of stream) {
  for (const choice of chunk.choices) streamed += choice.delta?.content ?? '';
  if (chunk.usage) streamUsage = chunk.usage;
}
assert.match(streamed, /834/);
assert.ok(streamUsage && streamUsage.completion_tokens <= 96, JSON.stringify(streamUsage));

await assert.rejects(client.chat.completions.create({
  model: 'o4-mini', messages: [{ role: 'user', content: 'Compute 1 + 1.' }], max_completion_tokens: 32, logprobs: true,
}), OpenAI.BadRequestError);
await assert.rejects(new OpenAI({ baseURL, apiKey: 'tm_wrong', maxRetries: 0 }).models.list(), OpenAI.AuthenticationError);

const lines = problems.slice(0, 20).map((p, i) => JSON.stringify({
  custom_id: `node-${i}`, method: 'POST', url: '/v1/chat/completions',
  body: { model: 'o4-mini', messages: [{ role: 'user', content: p.problem }], max_completion_tokens: 96 },
}));
const file = await client.files.create({ file: await toFile(Buffer.from(lines.join('\n') + '\n'), 'batch.jsonl'),
  purpose: 'batch' });
let batch = await client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions',
  completion_window: '24h', metadata: { job: 'node-check' } });
const deadline = Date.now() + 240_000;
while (!['completed', 'failed', 'expired', 'cancelled'].includes(batch.status) && Date.now() < deadline) {
  await sleep(500);
  batch = await client.batches.retrieve(batch.id);
}
assert.equal(batch.status, 'completed', JSON.stringify(batch));
assert.equal(batch.request_counts.completed, 20);
assert.equal(batch.metadata.job, 'node-check');
const output = (await (await client.files.content(batch.output_file_id)).text()).split('\n').filter(l => l.trim())
  .map(l => JSON.parse(l));
assert.deepEqual(output.map(l => l.custom_id), lines.map((_, i) => `node-${i}`));
let sum = 0;
for (const l of output) {
  assert.equal(l.response.status_code, 200);
  sum += l.response.body.usage.completion_tokens;
}
assert.equal(sum, batch.usage.output_tokens);

console.log(JSON.stringify({ chat_prompt_tokens: chat.usage.prompt_tokens + streamUsage.prompt_tokens,
  chat_completion_tokens: chat.usage.completion_tokens + streamUsage.completion_tokens, batch_usage: batch.usage }));
