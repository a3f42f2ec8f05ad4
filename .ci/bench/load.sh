#!/usr/bin/env bash
# load.sh measures a running server from outside: the password reset's
# answer time for existing and unknown addresses, password logins
# (throughput and the throttle) and a token-authenticated GET. It prints
# figures only; nothing here is a test.
#
#   go build -o /tmp/server ./server
#   .ci/bench/load.sh /tmp/server            # starts it on SQLite, port 18080
#
# The server runs with a fresh DATA_DIR, ADMIN_EMAIL/ADMIN_PASSWORD and
# TRUSTED_PROXIES=127.0.0.1/32, so X-Forwarded-For stands for the client's
# address. Extra environment (DATABASE_URL, REDIS_URL, CPR_KEY) is passed
# through. Needs curl, jq, hey and python3. SKIP=reset,login,throttle,me
# skips parts.
set -euo pipefail

bin=${1:?usage: load.sh path/to/server}
port=${PORT:-18080}
base=http://127.0.0.1:$port
admin=admin@bench.dk
pw=Korrekt-Hest-Batteri-9
users=${USERS:-100}
skip=${SKIP:-}
data=$(mktemp -d)
log=$data/server.log

DATA_DIR=$data PORT=$port ADMIN_EMAIL=$admin ADMIN_PASSWORD=$pw TRUSTED_PROXIES=127.0.0.1/32 "$bin" >"$log" 2>&1 &
srv=$!
trap 'kill $srv 2>/dev/null; wait $srv 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 100); do curl -fs "$base/readyz" >/dev/null && break; sleep 0.2; done

say() { printf '\n== %s (load: %s)\n' "$*" "$(cut -d' ' -f1-3 /proc/loadavg)"; }
skipped() { [[ ",$skip," == *",$1,"* ]]; }

# stats reads seconds, one a line, and prints n, median, p95 and max in ms.
stats() {
	python3 -c '
import sys, statistics
xs = sorted(float(l) * 1000 for l in sys.stdin if l.strip())
p95 = xs[max(0, int(round(0.95 * len(xs))) - 1)]
print(f"n={len(xs)} median={statistics.median(xs):.1f}ms p95={p95:.1f}ms min={xs[0]:.1f}ms max={xs[-1]:.1f}ms")'
}

token() { # email password xff
	curl -fs -X POST "$base/api/v1/auth/tokens" -H 'Content-Type: application/json' -H "X-Forwarded-For: $3" \
		-d "{\"email\":\"$1\",\"password\":\"$2\"}" | jq -r .token
}

tok=$(token $admin $pw 10.0.0.1)
auth=(-H "Authorization: Bearer $tok" -H 'Content-Type: application/json')
if [[ -n ${ME_ONLY:-} ]]; then # an older server: only the token GET, as the administrator
	skip=reset,login,throttle
	users=0
	meuser=$admin
else
	meuser=k99@bench.dk
	jc=$(curl -fs "${auth[@]}" -X POST "$base/api/v1/jobcentres" -d '{"municipality_no":"217","name":"Jobcenter Helsingør"}' | jq .id)
for i in $(seq "$users"); do
	curl -fs "${auth[@]}" -X POST "$base/api/v1/users" -o /dev/null \
		-d "{\"email\":\"k$i@bench.dk\",\"name\":\"Konsulent $i\",\"password\":\"$pw\",\"role\":\"consultant\",\"jobcentre_id\":$jc}"
done
fi
echo "server $bin: $users consultants created"

if ! skipped reset; then
	say "password reset: $users requests each, existing and unknown address interleaved, each from its own address"
	: >"$data/known"
	: >"$data/unknown"
	for i in $(seq "$users"); do
		for kind in known unknown; do
			email=k$i@bench.dk xff=10.1.$((i / 250)).$((i % 250 + 1))
			if [[ $kind == unknown ]]; then email=ingen$i@bench.dk xff=10.2.$((i / 250)).$((i % 250 + 1)); fi
			curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -X POST "$base/api/v1/auth/password-reset" \
				-H 'Content-Type: application/json' -H "X-Forwarded-For: $xff" -d "{\"email\":\"$email\"}" >>"$data/$kind"
		done
	done
	for kind in known unknown; do
		echo "$kind: status $(cut -d' ' -f1 "$data/$kind" | sort | uniq -c | tr -s ' ' | tr '\n' ' ')$(cut -d' ' -f2 "$data/$kind" | stats)"
	done
	echo "mails in the outbox afterwards (one per known address expected): $(curl -fs "${auth[@]}" "$base/api/v1/mails" | jq -c '{total}')"
	# Mann-Whitney U (normal approximation): could the two samples come
	# from one distribution?
	python3 - "$data/known" "$data/unknown" <<'PY'
import math, sys
a, b = ([float(l.split()[1]) for l in open(f) if l.strip()] for f in sys.argv[1:3])
ranked = sorted([(x, 0) for x in a] + [(x, 1) for x in b])
ranks, i = {}, 0
while i < len(ranked):
    j = i
    while j < len(ranked) and ranked[j][0] == ranked[i][0]:
        j += 1
    for k in range(i, j):
        ranks[k] = (i + j + 1) / 2
    i = j
ra = sum(r for k, r in ranks.items() if ranked[k][1] == 0)
n1, n2 = len(a), len(b)
u = ra - n1 * (n1 + 1) / 2
z = (u - n1 * n2 / 2) / math.sqrt(n1 * n2 * (n1 + n2 + 1) / 12)
p = math.erfc(abs(z) / math.sqrt(2))
print(f"Mann-Whitney known vs unknown: U={u:.0f} z={z:.2f} p={p:.2f} (p > 0.05: no detectable difference)")
PY
fi

if ! skipped login; then
	c=${LOGIN_C:-4}
	n=${LOGIN_N:-200}
	say "login: POST /api/v1/auth/tokens, correct passwords, $c hey runs at once (own user and address each), $n requests each, -c 1"
	pids=()
	for j in $(seq "$c"); do
		hey -n "$n" -c 1 -m POST -T application/json -H "X-Forwarded-For: 10.3.0.$j" \
			-d "{\"email\":\"k$j@bench.dk\",\"password\":\"$pw\"}" "$base/api/v1/auth/tokens" >"$data/hey$j" &
		pids+=($!)
	done
	wait "${pids[@]}"
	for j in $(seq "$c"); do
		grep -E 'Requests/sec|Average|^ +\[[0-9]{3}\]' "$data/hey$j" | tr -s ' ' | tr '\n' ' '
		grep -E ' (50|99)% in' "$data/hey$j" | tr -s ' ' | tr '\n' ' '
		echo
	done
fi

if ! skipped throttle; then
	say "throttle: wrong passwords for k50 from 10.4.0.1, then a correct login for k50 from 10.4.0.2"
	for i in $(seq 8); do
		curl -s -o /dev/null -w "fail $i from 10.4.0.1: %{http_code} %{time_total}s retry-after=%header{retry-after}\n" -X POST "$base/api/v1/auth/tokens" \
			-H 'Content-Type: application/json' -H 'X-Forwarded-For: 10.4.0.1' -d '{"email":"k50@bench.dk","password":"forkert-forkert"}'
	done
	for i in 1 2 3; do
		curl -s -o /dev/null -w "correct $i from 10.4.0.2: %{http_code} %{time_total}s\n" -X POST "$base/api/v1/auth/tokens" \
			-H 'Content-Type: application/json' -H 'X-Forwarded-For: 10.4.0.2' -d "{\"email\":\"k50@bench.dk\",\"password\":\"$pw\"}"
		curl -s -o /dev/null -w "correct $i from 10.4.0.1: %{http_code} %{time_total}s retry-after=%header{retry-after}\n" -X POST "$base/api/v1/auth/tokens" \
			-H 'Content-Type: application/json' -H 'X-Forwarded-For: 10.4.0.1' -d "{\"email\":\"k50@bench.dk\",\"password\":\"$pw\"}"
	done
	say "throttle escalation: k51 from 10.4.0.3, each wrong password sent once the previous Retry-After has passed"
	wait_s=0
	for i in $(seq 9); do
		sleep "$wait_s"
		out=$(curl -s -o /dev/null -D - -w "%{http_code} %{time_total}" -X POST "$base/api/v1/auth/tokens" \
			-H 'Content-Type: application/json' -H 'X-Forwarded-For: 10.4.0.3' -d '{"email":"k51@bench.dk","password":"forkert-forkert"}')
		code_t=$(tail -1 <<<"$out")
		# the next try, at once, tells the wait now in force
		wait_s=$(curl -s -o /dev/null -D - -X POST "$base/api/v1/auth/tokens" -H 'Content-Type: application/json' \
			-H 'X-Forwarded-For: 10.4.0.3' -d '{"email":"k51@bench.dk","password":"forkert-forkert"}' | tr -d '\r' | awk -F': ' 'tolower($1)=="retry-after"{print $2}')
		wait_s=${wait_s:-0}
		echo "wrong password $i, sent after the wait: $code_t s; a second one at once (also counted): Retry-After ${wait_s}s"
	done
	curl -s -o /dev/null -w "meanwhile k51 from 10.4.0.4 with the right password: %{http_code} %{time_total}s\n" -X POST "$base/api/v1/auth/tokens" \
		-H 'Content-Type: application/json' -H 'X-Forwarded-For: 10.4.0.4' -d "{\"email\":\"k51@bench.dk\",\"password\":\"$pw\"}"
fi

if ! skipped me; then
	ktok=$(token $meuser $pw 10.5.0.1)
	for r in $(seq "${ME_RUNS:-3}"); do
		say "GET /api/v1/me with a token: hey -n 20000 -c 20, run $r"
		hey -n 20000 -c 20 -H "Authorization: Bearer $ktok" "$base/api/v1/me" >"$data/me"
		grep -E 'Requests/sec|^ +\[[0-9]{3}\]' "$data/me" | tr -s ' ' | tr '\n' ' '
		grep -E ' (50|90|99)% in' "$data/me" | tr -s ' ' | tr '\n' ' '
		echo
	done
fi
