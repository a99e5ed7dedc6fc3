#!/usr/bin/env bash
# Seed 003's Conductor commands (register, verify, start, status, search, retry, restart, terminate), as its README
# writes them, against Skald: only the URL differs. Workers: examples/python/conductor_worker.py, started here for
# the task types of seed 003 unless WORKERS=external.
#
#   ./skald demo --serve &                      # Skald with its REST API (and the Conductor API) on :8080
#   examples/conductor/seed-003/run.sh          # CONDUCTOR=http://localhost:8080 by default
#
# Exits non-zero, saying which step, when something does not answer as Conductor would.
set -euo pipefail
cd "$(dirname "$0")"
CONDUCTOR=${CONDUCTOR:-http://localhost:8080}
WAIT_SECONDS=${WAIT_SECONDS:-60}

fail() { echo "FAILED: $*" >&2; exit 1; }

# Polls GET /api/workflow/$1 until its status is $2.
await_status() {
  local id=$1 wanted=$2 status=""
  for _ in $(seq 1 $((WAIT_SECONDS * 5))); do
    status=$(curl -sS --fail-with-body "$CONDUCTOR/api/workflow/$id" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])') || status=""
    [ "$status" = "$wanted" ] && return 0
    sleep 0.2
  done
  fail "workflow $id is $status, expected $wanted"
}

WORKER_PID=""
stop_worker() { [ -n "$WORKER_PID" ] && kill "$WORKER_PID" 2>/dev/null || true; }
trap stop_worker EXIT
if [ "${WORKERS:-local}" = local ]; then
  args=()
  for task in tasks/*.json; do args+=(--task "$(basename "$task" .json)"); done
  python3 ../../python/conductor_worker.py --api "$CONDUCTOR/api" --worker-id seed-003-worker --poll-timeout-ms 20 "${args[@]}" \
    > "${WORKER_LOG:-/dev/null}" 2>&1 &
  WORKER_PID=$!
fi

echo "== Register all tasks"
for task in tasks/*.json; do
  curl -sS --fail-with-body -X POST $CONDUCTOR/api/metadata/taskdefs \
    -H "Content-Type: application/json" \
    -d @"$task" || fail "register $task"
  echo "Registered: $task"
done

echo "== Register the workflow definitions"
curl -sS --fail-with-body -X POST $CONDUCTOR/api/metadata/workflow \
  -H "Content-Type: application/json" \
  -d @workflows/email_summarization_workflow.json || fail "register email_summarization_workflow"
curl -sS --fail-with-body -X POST $CONDUCTOR/api/metadata/workflow \
  -H "Content-Type: application/json" \
  -d @workflows/quote_generation_workflow.json || fail "register quote_generation_workflow"

echo "== Verify registration"
curl -sS --fail-with-body $CONDUCTOR/api/metadata/workflow | grep -q '"email_summarization_workflow"' || fail "list workflows"
curl -sS --fail-with-body $CONDUCTOR/api/metadata/workflow/email_summarization_workflow | grep -q '"fetch_email_thread"' \
  || fail "get email_summarization_workflow"

echo "== Start the email summarization workflow"
WORKFLOW_ID=$(curl -sS --fail-with-body -X POST $CONDUCTOR/api/workflow/email_summarization_workflow \
  -H "Content-Type: application/json" \
  -d '{"thread_id": 1}') || fail "start email_summarization_workflow"
echo "Workflow ID: $WORKFLOW_ID"
await_status "$WORKFLOW_ID" COMPLETED
curl -sS --fail-with-body "$CONDUCTOR/api/workflow/$WORKFLOW_ID?includeTasks=true" | grep -q '"store_summary_ref"' \
  || fail "get with tasks"

echo "== Start the quote generation workflow (it runs the summarization as a sub-workflow)"
QUOTE_WORKFLOW_ID=$(curl -sS --fail-with-body -X POST $CONDUCTOR/api/workflow/quote_generation_workflow \
  -H "Content-Type: application/json" \
  -d '{"thread_id": 1, "discount_rate": 0.1}') || fail "start quote_generation_workflow"
echo "Quote Workflow ID: $QUOTE_WORKFLOW_ID"
await_status "$QUOTE_WORKFLOW_ID" COMPLETED

echo "== Search"
curl -sS --fail-with-body "$CONDUCTOR/api/workflow/search?query=workflowType=email_summarization_workflow" | grep -q "$WORKFLOW_ID" \
  || fail "search by workflowType"

echo "== Retry a failed workflow (the summarizer fails it once, then completes on the retry)"
FAILED_ID=$(curl -sS --fail-with-body -X POST $CONDUCTOR/api/workflow/email_summarization_workflow \
  -H "Content-Type: application/json" \
  -d '{"thread_id": 2, "fail": "terminal-once"}') || fail "start a failing workflow"
await_status "$FAILED_ID" FAILED
curl -sS --fail-with-body -X POST $CONDUCTOR/api/workflow/$FAILED_ID/retry || fail "retry"
await_status "$FAILED_ID" COMPLETED

echo "== Restart a completed workflow"
curl -sS --fail-with-body -X POST $CONDUCTOR/api/workflow/$WORKFLOW_ID/restart || fail "restart"
await_status "$WORKFLOW_ID" COMPLETED

echo "== Terminate a running workflow"
HELD_ID=$(curl -sS --fail-with-body -X POST $CONDUCTOR/api/workflow/email_summarization_workflow \
  -H "Content-Type: application/json" \
  -d '{"thread_id": 3, "fail": "hold"}') || fail "start a workflow to terminate"
await_status "$HELD_ID" RUNNING
curl -sS --fail-with-body -X DELETE $CONDUCTOR/api/workflow/$HELD_ID || fail "terminate"
await_status "$HELD_ID" TERMINATED

echo "OK: seed 003's commands ran against $CONDUCTOR"
