#!/usr/bin/env python3
"""bench/throughput's USB line (run by run-rig.sh --guest inside the QEMU rig): deploys the rig's
package (the corpus image at stm32f4-ref's deployment address) over USB to piton-vboard with
--flash-timing, and prints one line for the bench to read:

  ok - bench-usb {"sent": BYTES, "stagingMs": MS, "totalMs": MS}

QEMU's timing (TCG, dummy_hcd): for the record, it says nothing about real USB."""
import json
import sys

import guest_tests as g


def run(board):
    board.start('--flash-timing', '--stats')
    g.wait_for_board()
    r = g.cli_ok('-c', 'usb:', 'deploy', g.PKG, timeout=300)
    g.ok('bench-usb ' + json.dumps({k: r.get(k) for k in ('sent', 'stagingMs', 'totalMs')}))
    board.stop()


def main():
    return g.run_on_board(run, (g.Failure, OSError, ValueError, KeyError))


if __name__ == '__main__':
    sys.exit(main())
