#!/usr/bin/env python3
# The mutation check (issue 15, item 5): apply one exact-string mutation to FILE, run vitest on the
# test files, list the failing tests, and put the file back byte for byte (or, if someone else edited
# it meanwhile, undo exactly this change). Usage: python3 bench/mutate.py ID FILE OLD NEW TEST...
# Writes .bench/mutations/ID.json (vitest JSON) and prints a one-line JSON summary.
import json, subprocess, sys, hashlib, os, time
mid, path, old, new, tests = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
before = open(path, 'rb').read()
s = before.decode()
assert s.count(old) == 1, f'{mid}: old text found {s.count(old)} times in {path}'
mutated = s.replace(old, new)
open(path, 'w').write(mutated)
os.makedirs('.bench/mutations', exist_ok=True)
out = f'.bench/mutations/{mid}.json'
t0 = time.time()
try:
    subprocess.run(['npx', 'vitest', 'run', *tests, '--reporter=json', f'--outputFile={out}'], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=900)
finally:
    now = open(path).read()
    if now == mutated:
        open(path, 'wb').write(before)
    else:  # someone else edited the file meanwhile: undo only our change
        assert new and now.count(new) == 1, f'{mid}: cannot revert {path} safely!'
        open(path, 'w').write(now.replace(new, old))
    if now == mutated: assert open(path, 'rb').read() == before, f'{mid}: REVERT MISMATCH in {path}'
r = json.load(open(out))
failed = [(os.path.relpath(f['name']), a['fullName']) for f in r['testResults'] for a in f['assertionResults'] if a['status'] == 'failed']
suite_err = [os.path.relpath(f['name']) + ': ' + (f.get('message') or '')[:200] for f in r['testResults'] if f.get('status') == 'failed' and not any(a['status'] == 'failed' for a in f['assertionResults'])]
print(json.dumps({'id': mid, 'file': path, 'tests': tests, 'total': r['numTotalTests'], 'failed': len(failed), 'failing': failed, 'suiteErrors': suite_err, 'seconds': round(time.time() - t0)}))
