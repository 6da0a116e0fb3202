#!/usr/bin/env python3
"""Runs a command once and prints "wall-ms peak-RSS-kB cpu-ms".

usage: timed.py STDERR-FILE COMMAND [ARG]...

The command's output is dropped and its standard error goes to
STDERR-FILE. The wall time runs from just before the command is spawned
to just after it has been reaped, so it holds the command's own start and
exit and next to nothing of this script's: timing a shell function with
`date` before and after /usr/bin/time added 17-20 ms of process creation
on this machine to every command, even to `true`. Peak RSS and user +
system CPU time are the command's own, from wait4. The exit status is the
command's.
"""
import os
import sys
import time


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    errpath, argv = sys.argv[1], sys.argv[2:]
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
        (os.POSIX_SPAWN_OPEN, 2, errpath, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
    ]
    t0 = time.perf_counter_ns()
    pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=actions)
    _, status, ru = os.wait4(pid, 0)
    t1 = time.perf_counter_ns()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        return code if code > 0 else 1
    cpu = (ru.ru_utime + ru.ru_stime) * 1000
    print(f"{(t1 - t0) // 1_000_000} {ru.ru_maxrss} {int(cpu)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
