#!/usr/bin/env bash
# employer.sh measures the employer side from outside against a started
# server: the anonymous candidate list of an approved fleksjob opening, the
# employer home (with candidate counts), the notifications list and the
# interests list, each with hey at 8 concurrent clients. It prints figures
# only; nothing here is a test.
#
#   go build -o /tmp/server ./server
#   .ci/bench/employer.sh /tmp/server        # SQLite, port 18081
#
# CITIZENS (default 500) citizens who consented for fleksjob are created
# around the company. Extra environment (DATABASE_URL, REDIS_URL, CPR_KEY)
# is passed through. Needs curl, jq and hey.
set -euo pipefail

bin=${1:?usage: employer.sh path/to/server}
port=${PORT:-18081}
base=http://127.0.0.1:$port
admin=admin@bench.dk
pw=Korrekt-Hest-Batteri-9
citizens=${CITIZENS:-500}
n=${N:-2000}
data=$(mktemp -d)

DATA_DIR=$data PORT=$port ADMIN_EMAIL=$admin ADMIN_PASSWORD=$pw TRUSTED_PROXIES=127.0.0.1/32 "$bin" >"$data/server.log" 2>&1 &
srv=$!
trap 'kill $srv 2>/dev/null; wait $srv 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 100); do curl -fs "$base/readyz" >/dev/null && break; sleep 0.2; done

api() { # token method path [body]
	curl -fsS -X "$2" "$base/api/v1$3" -H "Authorization: Bearer $1" -H 'Content-Type: application/json' -H 'X-Forwarded-For: 10.9.0.1' ${4:+-d "$4"}
}
token() { # email password
	curl -fsS -X POST "$base/api/v1/auth/tokens" -H 'Content-Type: application/json' -H 'X-Forwarded-For: 10.9.0.1' \
		-d "{\"email\":\"$1\",\"password\":\"$2\"}" | jq -r .token
}
own() { # email: the password an administrator chose is replaced, as the service requires
	local t
	t=$(token "$1" "$pw")
	api "$t" PUT /me/password "{\"current_password\":\"$pw\",\"new_password\":\"egen-$pw\"}" >/dev/null
	token "$1" "egen-$pw"
}

adm=$(token $admin $pw)
jc=$(api "$adm" POST /jobcentres '{"municipality_no":"217","name":"Jobcenter Helsingør"}' | jq .id)
api "$adm" POST /users "{\"email\":\"k@bench.dk\",\"name\":\"Konsulent\",\"password\":\"$pw\",\"role\":\"consultant\",\"jobcentre_id\":$jc}" >/dev/null
cons=$(own k@bench.dk)
co=$(api "$cons" POST /companies '{"cvr":"29403473","name":"Havnens Lager ApS","branch":"transport_lager_logistik","address":"Havnegade 2","postcode":"3000","town":"Helsingør","lat":56.036,"lon":12.612}' | jq .id)
api "$adm" POST /users "{\"email\":\"a@bench.dk\",\"name\":\"Arbejdsgiver\",\"password\":\"$pw\",\"role\":\"employer\",\"company_id\":$co}" >/dev/null
emp=$(own a@bench.dk)
for i in $(seq "$citizens"); do
	lat=$(awk -v i="$i" 'BEGIN{printf "%.4f", 55.95 + (i*37%200)/1000}')
	lon=$(awk -v i="$i" 'BEGIN{printf "%.4f", 12.45 + (i*53%300)/1000}')
	cpr=$(printf '%02d%02d85%04d' $((1 + i % 28)) $((1 + i / 28 % 12)) $((1000 + i)))
	api "$cons" POST /citizens "{\"cpr\":\"$cpr\",\"name\":\"Borger $i\",\"target_group\":\"ledig_fleksjobvisiteret\",\"goal_branch\":\"transport_lager_logistik\",\"goal_title\":\"Lagermedarbejder\",\"danish_level\":\"flydende\",\"lat\":$lat,\"lon\":$lon,\"max_commute_km\":40,\"hours_capacity\":15,\"consent_kinds\":[\"fleksjob\"]}" >/dev/null
done
op=$(api "$emp" POST /openings "{\"company_id\":$co,\"kind\":\"fleksjob\",\"title\":\"Lagermedarbejder på fleksjob\",\"hours_min\":10,\"hours_max\":20,\"seats\":2}" | jq .id)
api "$cons" POST "/openings/$op/approve" '{}' | jq -c '{status}'
echo "server $bin: $citizens citizens consenting for fleksjob; opening $op approved; $(api "$emp" GET "/openings/$op/candidates" | jq '.items | length') candidates shown to the employer"
ref=$(api "$emp" GET "/openings/$op/candidates" | jq -r '.items[0].candidate_ref')
api "$emp" POST "/openings/$op/interest" "{\"candidate_ref\":\"$ref\"}" | jq -c '{state}'

run() { # label path
	printf '\n== %s (load: %s)\n' "$1" "$(cut -d' ' -f1-3 /proc/loadavg)"
	hey -n "$n" -c 8 -H "Authorization: Bearer $emp" -H 'X-Forwarded-For: 10.9.0.2' "$base/api/v1$2" >"$data/hey"
	grep -E 'Requests/sec|^ +\[[0-9]{3}\]' "$data/hey" | tr -s ' ' | tr '\n' ' '
	grep -E ' (50|99)%+ in' "$data/hey" | tr -s ' ' | tr '\n' ' ' || true
	echo
}
run "GET candidates of the opening (employer view)" "/openings/$op/candidates"
run "GET employer home (with candidate counts)" "/employer/home"
run "GET notifications" "/notifications"
run "GET interests of the opening" "/openings/$op/interests"
