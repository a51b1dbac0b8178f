#!/usr/bin/env bash
# kill -9 of ingest (under `thinkmeter up`) while OpenAI batches run: batch A after 200 of its 1,500 lines are
# done, batch B right after it is created (validating). Prints each batch's status, counts, the lines of its
# output and error files, distinct custom_ids, and usage against the sum of its output lines. Manual: about 3
# minutes on 2 cores; not part of the test suite (ChaosIT does not kill ingest yet).
#   ops/chaos/kill-ingest-mid-openai-batch.sh
set -u
cd "$(dirname "$0")/../.."
rm -rf /tmp/tm-kill
./thinkmeter up --data-dir /tmp/tm-kill > /tmp/tm-up.log 2>&1 &
UP=$!
for i in $(seq 1 120); do ./thinkmeter status >/dev/null 2>&1 && break; sleep 2; done
./thinkmeter status | head -20
URL=$(python3 -c "import json;print(json.load(open('.thinkmeter/stack.json'))['url'])")
KEY=$(python3 -c "import json;print(json.load(open('.thinkmeter/stack.json'))['apiKey'] if 'apiKey' in json.load(open('.thinkmeter/stack.json')) else json.load(open('.thinkmeter/stack.json'))['api_key'])")
python3 - <<'PY'
import json
probs=[json.loads(l) for l in open('models/tiny-reasoner/eval.jsonl') if l.strip()]
for name,n in (('a',1500),('b',600)):
    with open(f'/tmp/kill-{name}.jsonl','w') as f:
        for i in range(n):
            p=probs[(i*7)%len(probs)]
            f.write(json.dumps({"custom_id":f"{name}-{i}","method":"POST","url":"/v1/chat/completions","body":{"model":"x","messages":[{"role":"user","content":p["problem"]}],"max_completion_tokens":48+(i%3)*48}})+"\n")
PY
ingest_pid() { ./thinkmeter status | awk '$1=="ingest"{print $3}'; }
mk() { f=$(curl -s "$URL/v1/files" -H "Authorization: Bearer $KEY" -F purpose=batch -F file=@$1 | python3 -c "import json,sys;print(json.load(sys.stdin)['id'])"); curl -s "$URL/v1/batches" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -d "{\"input_file_id\":\"$f\",\"endpoint\":\"/v1/chat/completions\",\"completion_window\":\"24h\"}" | python3 -c "import json,sys;print(json.load(sys.stdin)['id'])"; }
get() { curl -s "$URL/v1/batches/$1" -H "Authorization: Bearer $KEY"; }
A=$(mk /tmp/kill-a.jsonl); echo "batch A $A"
for i in $(seq 1 300); do c=$(get $A | python3 -c "import json,sys;print(json.load(sys.stdin)['request_counts']['completed'])" 2>/dev/null || echo 0); [ "${c:-0}" -ge 200 ] && break; sleep 1; done
P=$(ingest_pid); echo "A has $c completed: kill -9 ingest $P"; kill -9 $P
for i in $(seq 1 120); do get $A >/dev/null 2>&1 && curl -sf "$URL/q/health/live" >/dev/null && break; sleep 1; done
B=$(mk /tmp/kill-b.jsonl); echo "batch B $B"; P=$(ingest_pid); echo "B just created: kill -9 ingest $P"; kill -9 $P
for i in $(seq 1 900); do
  sa=$(get $A | python3 -c "import json,sys;print(json.load(sys.stdin)['status'])" 2>/dev/null); sb=$(get $B | python3 -c "import json,sys;print(json.load(sys.stdin)['status'])" 2>/dev/null)
  [ "$sa" = completed ] && [ "$sb" = completed ] && break; sleep 2; done
for X in $A $B; do
  get $X > /tmp/kill-batch.json
  python3 - "$URL" "$KEY" <<'PY'
import json,sys,urllib.request
url,key=sys.argv[1],sys.argv[2]
b=json.load(open('/tmp/kill-batch.json'))
def lines(fid):
    if not fid: return []
    r=urllib.request.urlopen(urllib.request.Request(f"{url}/v1/files/{fid}/content",headers={"Authorization":"Bearer "+key}))
    return [json.loads(l) for l in r.read().decode().splitlines() if l.strip()]
out=lines(b.get('output_file_id')); err=lines(b.get('error_file_id'))
ids=[l['custom_id'] for l in out+err]
comp=sum(l['response']['body']['usage']['completion_tokens'] for l in out)
print(b['id'], b['status'], b['request_counts'], 'output', len(out), 'errors', len(err), 'distinct ids', len(set(ids)), 'of', len(ids),
      'usage.output_tokens', b['usage']['output_tokens'], 'sum of output lines', comp)
PY
done
./thinkmeter status | grep -E "ingest|name"
kill $UP; wait $UP
