#!/usr/bin/env python3
"""A Conductor worker in plain Python (standard library only) that runs unchanged against Conductor or Skald.

It speaks Conductor's worker protocol: it long-polls ``GET /api/tasks/poll/batch/{taskType}`` for work and reports
each result with ``POST /api/tasks`` (a TaskResult). Point ``--api`` at Skald's orchestrator instead of Conductor's
server and nothing else changes.

    python3 conductor_worker.py --api http://localhost:8080/api --task verify_user --task send_email

What it does with a task (an example; put your code in ``work``): it completes the task with its input echoed and
``worker: python``; a task whose input has ``"fail": "terminal"`` fails without retry, ``"fail": "retry"`` fails
to be retried, ``"fail": "terminal-once"`` fails without retry on its first try only (``retryCount`` 0),
``"fail": "hold"`` is never answered (its lease runs out), and ``"progress": N`` reports IN_PROGRESS with
``callbackAfterSeconds`` N the first time it is polled, and completes the next time.

It stops after ``--max-tasks`` results (0: never) or on SIGTERM.
"""

import argparse
import json
import signal
import socket
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

RUNNING = True


def stop(_signum, _frame):
    global RUNNING
    RUNNING = False


def call(method, url, body=None, timeout=30):
    data = None if body is None else json.dumps(body).encode("utf-8")
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"Content-Type": "application/json",
                                              "Accept": "application/json, text/plain, */*"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        text = response.read().decode("utf-8")
        return response.status, text


def poll(api, task_type, worker_id, count, timeout_ms):
    query = urllib.parse.urlencode({"workerid": worker_id, "count": count, "timeout": timeout_ms})
    status, text = call("GET", f"{api}/tasks/poll/batch/{urllib.parse.quote(task_type)}?{query}",
                        timeout=timeout_ms / 1000 + 30)
    if status == 204 or not text.strip():
        return []
    return json.loads(text)


def work(task):
    """The result of one task: (status, output, reason, callbackAfterSeconds)."""
    data = task.get("inputData") or {}
    if data.get("fail") == "hold":
        return None
    if data.get("fail") == "terminal-once" and int(task.get("retryCount") or 0) == 0:
        return "FAILED_WITH_TERMINAL_ERROR", {}, "python worker: failing the first try, as asked", 0
    if data.get("fail") == "terminal":
        return "FAILED_WITH_TERMINAL_ERROR", {}, "python worker: terminal failure asked for", 0
    if data.get("fail") == "retry":
        return "FAILED", {}, "python worker: retriable failure asked for", 0
    progress = int(data.get("progress", 0))
    if progress and task.get("pollCount", 1) <= 1:
        return "IN_PROGRESS", {"stage": "started"}, None, progress
    return "COMPLETED", {"worker": "python", "echo": data, "taskType": task.get("taskDefName")}, None, 0


def report(api, task, worker_id):
    result = work(task)
    if result is None:
        return "HELD"
    status, output, reason, callback = result
    update = {"workflowInstanceId": task["workflowInstanceId"], "taskId": task["taskId"], "workerId": worker_id,
              "status": status, "outputData": output, "callbackAfterSeconds": callback,
              "logs": [{"log": f"{status} by {worker_id}", "taskId": task["taskId"],
                        "createdTime": int(time.time() * 1000)}]}
    if reason:
        update["reasonForIncompletion"] = reason
    call("POST", f"{api}/tasks", update)
    return status


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--api", required=True, help="the Conductor API root, e.g. http://localhost:8080/api")
    parser.add_argument("--task", action="append", required=True, help="a task type to work on (repeatable)")
    parser.add_argument("--worker-id", default=f"python-{socket.gethostname()}")
    parser.add_argument("--batch", type=int, default=5)
    parser.add_argument("--poll-timeout-ms", type=int, default=100)
    parser.add_argument("--max-tasks", type=int, default=0)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, stop)
    done = 0
    while RUNNING and (args.max_tasks == 0 or done < args.max_tasks):
        idle = True
        for task_type in args.task:
            try:
                tasks = poll(args.api, task_type, args.worker_id, args.batch, args.poll_timeout_ms)
            except (urllib.error.URLError, ConnectionError, TimeoutError) as e:
                print(f"poll {task_type} failed: {e}", file=sys.stderr, flush=True)
                time.sleep(0.5)
                continue
            for task in tasks:
                idle = False
                try:
                    status = report(args.api, task, args.worker_id)
                except urllib.error.URLError as e:
                    print(f"update of {task['taskId']} failed: {e}", file=sys.stderr, flush=True)
                    continue
                done += 1
                print(f"{task['taskId']} {status}", flush=True)
        if idle:
            time.sleep(0.05)
    return 0


if __name__ == "__main__":
    sys.exit(main())
