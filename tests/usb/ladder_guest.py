#!/usr/bin/env python3
"""The recovery ladder over USB (issue 11), run inside the QEMU guest by tests/usb/init.sh
(ctest ladder.usb; docs/rom-loader.md, "The ladder"; docs/usb.md, "The test rig").

A board whose bootloader region was wiped (and whose deployment region was erased and config
record damaged) powers on into the emulated STM32 ROM, which serves DfuSe (0483:df11) on the
gadget. `piton-cli -c usb:?path=P recover --bundle factory.ptfb --config-backup B` finds no Piton
code on usb:, derives dfu:?path=P, writes the bundle's bootloader and a provisioning block
through DfuSe, reads them back, leaves, waits for Piton's bootloader to re-enumerate on port P,
deploys the package and restores the config. Checks read the board itself: its flash file
(bootloader region against the bundle's section hash, deployment region against the
application), INFO and the config entries over usb:.

Environment: as tests/usb/guest_tests.py (run-rig.sh's guest.env). Prints "ok - ..." per check
and the wall time of the recovery; exits 1 at the first failure.
"""
import hashlib
import os
import sys
import time

import guest_tests as g
from guest_tests import Board, Failure, check, cli, cli_ok, flash_bytes, log, ok, read_file, wait_for_board, wait_for_dfu

FLASH, BOOT_REGION = g.region('bootloader')    # stm32f4-ref: sectors 0 and 1 (flash file offset 0)
CONFIG_OFFSET = g.region('config')[0] - FLASH
DEPLOYMENT_OFFSET = g.region('deployment')[0] - FLASH
DEPLOYMENT_SIZE = g.region('deployment')[1]
KEY = os.path.join(g.WORK, 'signing.pem')
PUB = os.path.join(g.WORK, 'signing.pub.pem')


def bootloader_image(path):
    """A Piton bootloader image as piton-vboard recognises one (vb_provision.h: the header
    "PITON-BOOTLOADER <version>" and a NUL), 4096 bytes; the same as tests/vboard/ladder_test.py."""
    img = bytearray((i * 131 + 17) & 0xFF for i in range(4096))
    head = b'PITON-BOOTLOADER 1.0.0\0'
    img[:len(head)] = head
    with open(path, 'wb') as f:
        f.write(img)
    return bytes(img)


def flash_file_hash():
    return hashlib.sha256(read_file(f'{g.TMP}/flash.bin')).hexdigest()


def run(board):
    # ---- a provisioned board running the application with a config --------------------------
    boot_path = f'{g.TMP}/bootloader.bin'
    boot = bootloader_image(boot_path)
    bundle = f'{g.TMP}/factory.ptfb'
    made = cli_ok('bundle', 'create', '--board', 'stm32f4-ref', '--bootloader', boot_path, '--bootloader-base', '0x08000000',
                  '--package', g.PKG, '--trust-key', PUB, '--key', KEY, '-o', bundle)
    inspected = cli_ok('bundle', 'inspect', bundle, '--key', PUB)
    boot_section = next(s for s in inspected['sections'] if s['kind'] == 'bootloader')
    check(boot_section['sha256'] == hashlib.sha256(boot).hexdigest(), f'bundle inspect: bootloader section {boot_section}')
    log(f'bundle {os.path.getsize(bundle)} bytes: sections {[s["kind"] for s in made["sections"]]}')

    # Nothing on the bus at all: neither Piton nor a ROM answers; exit 3 saying how to enter the ROM.
    rc, obj, text = cli('-y', '-c', 'usb:?path=1-1', 'recover', '--bundle', bundle, timeout=60)
    check(rc == 3 and obj.get('rung') == 'none' and 'dfu:?path=1-1' in text and 'BOOT0' in text,
          f'recover with no device on the bus: rc {rc}: {text}')
    ok('recover with nothing on the bus: exit 3, names usb:?path=1-1 and dfu:?path=1-1, says to set BOOT0 high and reset')

    board.start()
    usb = wait_for_board()
    path = usb[0]['portPath']
    uri = f'usb:?path={path}'
    cli_ok('-c', uri, 'deploy', g.PKG, timeout=150)
    cli_ok('-c', uri, 'config', 'set', 'user.site=north', 'net.ip=10.1.2.3')
    backup = f'{g.TMP}/before.ptcfg'
    cli_ok('-c', uri, 'config', 'backup', '-o', backup)
    before = cli_ok('-c', uri, 'info')
    entries = cli_ok('-c', uri, 'config', 'get')['config']
    check(before['stage'] == 'application' and before['trustedKeys'], f'setup: info {before}')
    board.stop()
    ok(f'setup: board at {path} runs application {before.get("applicationVersion")} with config user.site=north, '
       f'net.ip=10.1.2.3; backup taken')

    # ---- wiped: the bootloader region (image and provisioning block) and the deployment --------
    with open(f'{g.TMP}/flash.bin', 'r+b') as f:
        f.write(b'\xff' * BOOT_REGION)
        f.seek(DEPLOYMENT_OFFSET)
        f.write(b'\xff' * DEPLOYMENT_SIZE)
    ready = board.start('--flip-bits', 'config:16', trust_key=False)  # and the config record damaged
    check(ready.get('rom') is True, f'the wiped board does not power on into its ROM: {ready}')
    listing = wait_for_dfu()
    check(f'path="{path}"' in listing, f'the ROM\'s DFU device is not on port {path}:\n{listing}')
    rc, obj, text = cli('-c', uri, 'ping', timeout=30)
    check(rc == 3 and 'no Piton USB board is present' in text, f'ping on the wiped board: rc {rc}: {text}')
    ok(f'wiped board: powers on into the ROM, 0483:df11 at {path}, no Piton code on {uri} (ping exit 3)')

    # ---- refusals and the plan: nothing changed ---------------------------------------------
    unchanged = flash_file_hash()
    rc, obj, text = cli('-y', '-c', uri, 'recover', '--config-backup', backup, timeout=60)
    check(rc == 2 and '--bundle' in text and obj.get('rung') == 'rom', f'recover without --bundle: rc {rc}: {text}')
    check(flash_file_hash() == unchanged, 'recover without --bundle changed the flash (SHA-256)')
    plan = cli_ok('-c', uri, 'recover', '--bundle', bundle, '--config-backup', backup, '--dry-run', timeout=60)
    check(plan.get('rung') == 'rom' and plan['bringUp']['sectors'] == [0, 1] and f'dfu:?path={path}' in plan.get('ladder', ''),
          f'recover --dry-run: {plan}')
    check(flash_file_hash() == unchanged, 'recover --dry-run changed the flash (SHA-256)')
    ok(f'recover without --bundle: exit 2 naming --bundle; --dry-run: rung rom via dfu:?path={path}, sectors 0,1; '
       f'flash unchanged (SHA-256)')

    # ---- the ladder -------------------------------------------------------------------------
    t = time.monotonic()
    res = cli_ok('-y', '--log', f'{g.TMP}/recover.log', '-c', uri, 'recover', '--bundle', bundle, '--config-backup', backup,
                 timeout=150)
    took = time.monotonic() - t
    with open(f'{g.TMP}/recover.log') as f:  # where the time went: piton-cli's timestamped log
        for line in f:
            print(f'  | {line.rstrip()}', flush=True)
    actions = [a['action'] for a in res.get('actions', [])]
    check(res.get('rung') == 'rom' and res.get('recovered') is True, f'recover: {res}')
    check('deploy-package' in actions and 'restore-config' in actions, f'recover actions {actions}')
    print(f'USB ladder recovery: {took:.1f} s wall time for piton-cli recover (ROM rung over DfuSe, '
          f'{len(boot)}-byte bootloader + provisioning block, re-enumeration, deploy of {os.path.getsize(g.PKG)} bytes, '
          f'config restore; QEMU TCG, dummy_hcd)', flush=True)
    log_text = board.diagnostics()
    check('DfuSe leave at 0x08000000' in log_text, 'the board log has no DfuSe leave at 0x08000000')
    ok(f'piton-cli -c {uri} recover --bundle --config-backup: exit 0, rung rom, actions {", ".join(actions)} [{took:.1f} s]')

    # ---- the board's own state ----------------------------------------------------------------
    region = flash_bytes(0, BOOT_REGION)
    check(hashlib.sha256(region[:len(boot)]).hexdigest() == boot_section['sha256'],
          'the bootloader region does not hold the bundle\'s bootloader (SHA-256 of the flash file)')
    now = cli_ok('-c', uri, 'info')
    check(now.get('stage') == 'application' and now.get('imageState') == 'confirmed' and now.get('configState') == 'ok',
          f'INFO after recover: {now}')
    check(now.get('board') == 'stm32f4-ref' and now.get('trustedKeys') == before.get('trustedKeys'),
          f'INFO: board id and trusted keys {now.get("board")} {now.get("trustedKeys")}')
    check(now.get('applicationVersion') == before.get('applicationVersion'), f'INFO: application version {now}')
    oracle = read_file(os.path.join(g.WORK, 'app.bin'))
    check(flash_bytes(DEPLOYMENT_OFFSET, len(oracle)) == oracle, 'the deployment region does not hold the application')
    after = cli_ok('-c', uri, 'config', 'get')['config']
    check(after == entries, f'config entries after recover {after} differ from before {entries}')
    listed = wait_for_board()
    check(listed[0]['vidpid'] == '1209:0001' and listed[0]['portPath'] == path, f'piton-cli list after recover: {listed}')
    ok(f'the board: bootloader region SHA-256 = the bundle\'s bootloader section, application {now["applicationVersion"]} '
       f'running and confirmed, deployment = the image, {len(after)} config entries equal to before, 1209:0001 at {path}')

    board.stop()
    check(not os.path.exists(g.GADGET), 'piton-vboard left its gadget in configfs')
    ok(f'piton-vboard stops cleanly [{time.monotonic() - g.T0:.1f} s in the guest]')


def main():
    return g.run_on_board(run, (Failure, OSError, ValueError, KeyError, StopIteration))

if __name__ == '__main__':
    sys.exit(main())
