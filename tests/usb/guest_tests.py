#!/usr/bin/env python3
"""USB end-to-end tests, run inside the QEMU guest by tests/usb/init.sh (docs/usb.md).

piton-vboard is the USB device (FunctionFS gadget bound to dummy_udc.0); piton-cli reaches it
through libusb on the dummy host controller. Environment (from run-rig.sh's guest.env):
PITON_CLI, PITON_VBOARD, PITON_BOARDS_DIR, PITON_RIG_WORK (signing key, app.ptpkg, app.bin).
Prints "ok - ..." per check and the deploy throughput; exits 1 at the first failure.
"""
import hashlib
import json
import os
import select
import signal
import struct
import subprocess
import sys
import threading
import time
import tty
import zlib

CLI = os.environ['PITON_CLI']
VBOARD = os.environ['PITON_VBOARD']
BOARDS = os.environ['PITON_BOARDS_DIR']
PROBE = os.environ['PITON_RIG_PROBE']
WORK = os.environ['PITON_RIG_WORK']
TMP = '/tmp/rig'
GADGET = '/sys/kernel/config/usb_gadget/piton'
PKG = os.path.join(WORK, 'app.ptpkg')
T0 = time.monotonic()


class Failure(Exception):
    pass


def region(name, board='stm32f4-ref'):
    """(address, size) in bytes of region `name` in the board profile BOARDS/<board>.json: the
    guest takes the geometry from the profiles, as the host's tests do."""
    with open(os.path.join(BOARDS, board + '.json')) as f:
        r = next(r for r in json.load(f)['regions'] if r['name'] == name)
    size = r['size']
    return int(r['address'], 16), int(size, 16) if isinstance(size, str) else size


def log(text):
    print(f'  [{time.monotonic() - T0:6.1f}s] {text}', flush=True)


def ok(text):
    print(f'ok - {text}', flush=True)


def check(cond, text):
    if not cond:
        raise Failure(text)


def where(pid):
    """Kernel-side view of a stuck process: each thread's wait channel and stack."""
    lines = []
    for tid in sorted(os.listdir(f'/proc/{pid}/task')):
        for what in ('comm', 'wchan', 'stack'):
            try:
                with open(f'/proc/{pid}/task/{tid}/{what}') as f:
                    lines.append(f'{tid} {what}: {f.read().strip()}')
            except OSError:
                pass
    return '\n'.join(lines)


BOARD_PID = [None]


def cli(*args, timeout=120):
    """Runs piton-cli --json ARGS; returns (exit code, result object, combined output). The connect
    timeout is 15 s unless ARGS give one: the guest runs under TCG, the ASan build on a loaded CI
    host answered PING later than piton-cli's default 3 s."""
    if '--timeout' not in args:
        args = ('--timeout', '15000', *args)
    proc = subprocess.Popen([CLI, '--json', *args], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        stuck = where(proc.pid)
        board = where(BOARD_PID[0]) if BOARD_PID[0] else ''
        proc.kill()
        proc.communicate()
        raise Failure(f'piton-cli {" ".join(args)} did not finish within {timeout} s\n{stuck}\n--- board:\n{board}')
    p = subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)
    out = p.stdout.strip().splitlines()
    try:
        obj = json.loads(out[-1]) if out else {}
    except json.JSONDecodeError:
        obj = {}
    return p.returncode, obj, p.stdout + p.stderr


def cli_ok(*args, timeout=120):
    rc, obj, text = cli(*args, timeout=timeout)
    check(rc == 0, f'piton-cli {" ".join(args)} exited {rc}: {text.strip()}')
    return obj


class Board:
    """piton-vboard with the USB function (and its stderr in a log file)."""

    def __init__(self):
        self.proc = None
        self.log_path = None

    def start(self, *extra, trust_key=True):
        """Starts the board; trust_key=False leaves out --trust-key, which would re-provision a
        flash file whose provisioning block was wiped."""
        self.log_path = f'{TMP}/vboard-{int(time.monotonic() * 1000)}.log'
        self.log = open(self.log_path, 'w')
        self.proc = subprocess.Popen(
            [VBOARD, '--board', 'stm32f4-ref', '--flash', f'{TMP}/flash.bin', '--boards-dir', BOARDS,
             *(['--trust-key', os.path.join(WORK, 'signing.pub.pem')] if trust_key else []),
             '--usb-ffs', f'{TMP}/ffs', '--verbose', *extra],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=self.log, text=True)
        BOARD_PID[0] = self.proc.pid
        line = self.proc.stdout.readline()
        check(line, f'piton-vboard printed no ready line: {self.diagnostics()}')
        ready = json.loads(line)
        check(ready.get('usb') == '1209:0001', f'ready line without usb 1209:0001: {line}')
        return ready

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            rc = self.proc.wait(timeout=20)
            check(rc == 0, f'piton-vboard exited {rc} on SIGTERM: {self.diagnostics()}')
        self.proc = None

    def diagnostics(self):
        try:
            with open(self.log_path) as f:
                return f.read()[-3000:]
        except OSError:
            return ''


def wait_for_board(present=True, timeout=30.0, product=None):
    """Polls piton-cli list until a USB board is (or is no longer) listed."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        rc, obj, text = cli('list')
        last = obj
        usb = obj.get('usb', [])
        if present and usb and (product is None or usb[0].get('product') == product):
            return usb
        if not present and not usb:
            return usb
        time.sleep(0.3)
    raise Failure(f'board {"never appeared" if present else "did not go away"} in piton-cli list: {last}')


class RawSerialClient:
    """A second session on the board's pty, speaking the frames of docs/protocol.md §2 itself."""

    def __init__(self, path):
        self.fd = os.open(path, os.O_RDWR | os.O_NOCTTY)
        tty.setraw(self.fd)
        self.seq = 1

    def request(self, command, payload=b'', timeout=5.0):
        header = b'PT' + struct.pack('<BBHBBI', 1, command, self.seq, 0, 0, len(payload))
        frame = header + payload
        os.write(self.fd, frame + struct.pack('<I', zlib.crc32(frame) & 0xFFFFFFFF))
        buf = b''
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            r, _, _ = select.select([self.fd], [], [], 0.1)
            if r:
                buf += os.read(self.fd, 4096)
            start = buf.find(b'PT')
            if start >= 0 and len(buf) - start >= 12:
                length = struct.unpack_from('<I', buf, start + 8)[0]
                if len(buf) - start >= 16 + length:
                    cmd, seq, status = buf[start + 3], struct.unpack_from('<H', buf, start + 4)[0], buf[start + 7]
                    if cmd == command and seq == self.seq:
                        self.seq += 1
                        return status, buf[start + 12:start + 12 + length]
                    buf = buf[start + 16 + length:]
        raise Failure(f'no response to command 0x{command:02x} on the pty')

    def close(self):
        os.close(self.fd)


def two_sessions(serial_path):
    """One owner at a time (docs/protocol.md §5): a session on the pty holds the board; piton-cli
    over USB is refused with the documented message and changes nothing; after the release it
    gets the board."""
    raw = RawSerialClient(serial_path)
    key, value = b'user.rig', b'serial-owner'
    status, _ = raw.request(0x23, bytes([len(key)]) + key + value)  # CONFIG_SET claims the board
    check(status == 0, f'CONFIG_SET on the pty: status {status}')
    before = cli_ok('-c', 'usb:', 'config', 'get')['config']
    for args in (('config', 'set', 'user.rig=usb'), ('erase', 'deployment'), ('deploy', PKG), ('reboot',)):
        # Each piton-cli run takes seconds under TCG on a busy machine: keep the pty's session
        # from idling out (PT_SESSION_TIMEOUT_MS, 10 s) by renewing it with the same request.
        status, _ = raw.request(0x23, bytes([len(key)]) + key + value)
        check(status == 0, f'CONFIG_SET on the pty (renewal): status {status}')
        rc, obj, text = cli('-c', 'usb:', '-y', *args)
        check(rc == 1 and 'the board is busy with another session over serial' in obj.get('error', ''),
              f'{" ".join(args)} over USB while the pty holds the board: rc {rc}: {text}')
    check(cli_ok('-c', 'usb:', 'config', 'get')['config'] == before, 'a refused USB client changed the config')
    status, _ = raw.request(0x04, bytes([0x02]))  # SESSION release
    check(status == 0, f'SESSION release on the pty: status {status}')
    raw.close()
    cli_ok('-c', 'usb:', 'config', 'set', 'user.rig=usb')
    check(cli_ok('-c', 'usb:', 'config', 'get', 'user.rig')['config']['user.rig'] == 'usb', 'config set after release')
    ok('two sessions: the pty holds the board, USB deploy/erase/config set/reboot refused (exit 1, BUSY names serial), '
       'nothing changed; after the pty\'s release USB gets the board')


def read_file(path):
    with open(path, 'rb') as f:
        return f.read()


DFU_UTIL = '/usr/bin/dfu-util'
ROM_ALT0 = '@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg'


def dfu_util(*args, timeout=60):
    p = subprocess.run([DFU_UTIL, *args], stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=timeout)
    return p.returncode, p.stdout + p.stderr


def wait_for_dfu(timeout=20.0):
    """Polls dfu-util -l until the ROM's DfuSe device is listed; returns the listing."""
    deadline = time.monotonic() + timeout
    text = ''
    while time.monotonic() < deadline:
        rc, text = dfu_util('-l')
        if 'Found DFU: [0483:df11]' in text:
            return text
        time.sleep(0.3)
    raise Failure(f'the ROM\'s DFU device 0483:df11 never appeared in dfu-util -l:\n{text}')


def flash_bytes(offset, length):
    """The board's own flash file (internal flash first), not what a client says it wrote."""
    with open(f'{TMP}/flash.bin', 'rb') as f:
        f.seek(offset)
        return f.read(length)


def dfuse_rom(board):
    """The emulated STM32F405 ROM as a DfuSe device (vb_dfuse.h), proven with dfu-util 0.11:
    list, download with erase and leave, upload equal, leave back into Piton's bootloader."""
    if not os.path.exists(DFU_UTIL):
        raise Failure('dfu-util not found (Debian package dfu-util; scripts/bootstrap installs it)')
    size = 80 * 1024  # sectors 0..4 (4 x 16 KiB + 64 KiB)
    original = flash_bytes(0, size)
    image = bytes((i * 7 + (i >> 9)) & 0xFF for i in range(size))
    with open(f'{TMP}/rom-image.bin', 'wb') as f:
        f.write(image)
    with open(f'{TMP}/rom-original.bin', 'wb') as f:
        f.write(original)
    t = time.monotonic()
    ready = board.start('--rom-loader')
    check(ready.get('rom') is True, f'ready line without rom:true: {ready}')
    listing = wait_for_dfu()
    alt0 = [line for line in listing.splitlines() if 'alt=0' in line and '0483:df11' in line]
    check(alt0 and f'name="{ROM_ALT0}"' in alt0[0], f'dfu-util -l: alt 0 is not the F4 ROM\'s internal flash:\n{listing}')
    check(listing.count('Found DFU: [0483:df11]') == 4, f'dfu-util -l: expected the ROM\'s 4 alternate settings:\n{listing}')
    check('ver=2100' in alt0[0], f'dfu-util -l: bcdDevice: {alt0[0]}')
    log(alt0[0].strip())
    refused = 'refuses the DFU functional descriptor' in board.diagnostics()
    log('DFU functional descriptor: ' + ('refused by this kernel\'s FunctionFS (EINVAL); dfu-util needs -t 2048'
                                         if refused else 'accepted by this kernel\'s FunctionFS'))
    ok('dfu-util -l lists the ROM: 0483:df11, 4 alternates, alt 0 "@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg"')
    # Linux 6.1's FunctionFS refuses the DFU functional descriptor (docs/usb.md): -t gives the transfer size.
    rc, out = dfu_util('-d', '0483:df11', '-a', '0', '-t', '2048', '-s', '0x08000000:leave', '-D', f'{TMP}/rom-image.bin',
                       timeout=90)
    check(rc == 0 and 'File downloaded successfully' in out, f'dfu-util download: rc {rc}\n{out[-1500:]}')
    check(flash_bytes(0, size) == image, 'after dfu-util -D the board\'s flash does not hold the image')
    check('Erasing page' in out or 'Erase' in out, f'dfu-util did not erase:\n{out[-800:]}')
    ok(f'dfu-util -a 0 -s 0x08000000:leave -D: {size} bytes erased and written; the flash file holds them')
    # The leave ran the flash: no Piton bootloader there now, so the ROM serves again (re-enumerates).
    wait_for_dfu()
    rc, out = dfu_util('-d', '0483:df11', '-a', '0', '-t', '2048', '-s', f'0x08000000:{size}', '-U', f'{TMP}/rom-up.bin',
                       timeout=90)
    check(rc == 0, f'dfu-util upload: rc {rc}\n{out[-1500:]}')
    check(read_file(f'{TMP}/rom-up.bin') == image, 'dfu-util -U: the upload differs from the image')
    ok(f'dfu-util -U of {size} bytes equals what was downloaded')
    piton_cli_dfu(board, image, original)


def piton_cli_dfu(board, image, original):
    """Piton's own DfuSe client (protocols/dfuse_client.h) through piton-cli rom over dfu:,
    against the same ROM: info, read, sector erase, write with verify and Go back into Piton."""
    t = time.monotonic()
    info = cli_ok('-c', 'dfu:', 'rom', 'info')
    check(info.get('protocol') == 'DfuSe' and info.get('chip') == 'STM32F40x/41x' and info.get('flashBase') == 0x08000000
          and info.get('flashSize') == 1024 * 1024 and info.get('commands') == ['0x00', '0x21', '0x41', '0x92'],
          f'rom info over dfu: {info}')
    ok('piton-cli -c dfu: rom info: DfuSe, STM32F40x/41x from the layout string, 1 MiB at 0x08000000, commands 00 21 41 92')
    cli_ok('-c', 'dfu:', 'rom', 'read', '0x08004000', '6000', '-o', f'{TMP}/rom-read.bin')
    check(read_file(f'{TMP}/rom-read.bin') == image[0x4000:0x4000 + 6000], 'rom read over dfu: differs from the flash')
    ok('piton-cli -c dfu: rom read 0x08004000 6000 (3 UPLOADs): equal to the flash')
    before = hashlib.sha256(flash_bytes(0, 1024 * 1024)).hexdigest()
    rc, obj, text = cli('-c', 'dfu:', 'rom', 'read', '0x30000000', '16', '-o', f'{TMP}/nowhere.bin')
    check(rc == 1 and 'errTARGET' in obj.get('error', ''), f'rom read outside the map over dfu: rc {rc}: {text}')
    check(hashlib.sha256(flash_bytes(0, 1024 * 1024)).hexdigest() == before, 'a refused DfuSe command changed the flash')
    cli_ok('-c', 'dfu:', 'rom', 'info')  # the ROM is usable after the error (CLRSTATUS)
    ok(f'an address outside the map: dfuERROR/errTARGET, exit 1 ({obj["error"][-60:]}); flash unchanged (SHA-256)')
    cli_ok('-y', '-c', 'dfu:', 'rom', 'erase', '--sectors', '1')
    check(flash_bytes(0x4000, 0x4000) == b'\xff' * 0x4000, 'rom erase --sectors 1 over dfu: sector 1 not erased')
    check(flash_bytes(0, 0x4000) == image[:0x4000] and flash_bytes(0x8000, 0x4000) == image[0x8000:0xC000],
          'rom erase --sectors 1 over dfu: a neighbouring sector changed')
    ok('piton-cli -c dfu: rom erase --sectors 1: sector 1 erased in the flash file, sectors 0 and 2 untouched')
    res = cli_ok('-y', '-c', 'dfu:', 'rom', 'write', f'{TMP}/rom-original.bin', '--base', '0x08000000', '--go', '0x08000000',
                 timeout=120)
    check(res.get('erasedSectors') == [0, 1, 2, 3, 4], f'rom write over dfu: erased sectors {res}')
    check(flash_bytes(0, len(original)) == original, 'rom write over dfu: the flash file does not hold the image')
    wait_for_board(timeout=20)
    ping = cli_ok('-c', 'usb:', 'ping')
    check(ping['stage'] in ('bootloader', 'application'), f'ping after rom write --go over dfu: {ping}')
    check('DfuSe leave at 0x08000000' in board.diagnostics(), 'the board log has no DfuSe leave')
    ok(f'piton-cli -c dfu: rom write --base 0x08000000 --go 0x08000000: {len(original)} bytes (sectors 0-4) written and '
       f'verified, the board runs Piton again ({ping["stage"]}) [{time.monotonic() - t:.1f} s]')


def run_on_board(run, errors):
    """Starts a Board, calls run(board); on one of `errors` prints FAIL lines and the board's log
    tail, stops the board and returns 1, else 0 (the guest scripts' exit status)."""
    os.makedirs(TMP, exist_ok=True)
    board = Board()
    try:
        run(board)
    except errors as e:
        for line in str(e).splitlines():
            print(f'FAIL - {line}', flush=True)
        print('--- piton-vboard log (tail) ---', flush=True)
        for line in board.diagnostics().splitlines():
            print(f'  | {line}', flush=True)
        try:
            board.stop()
        except Exception:  # noqa: BLE001 - already failing
            pass
        return 1
    return 0


def line_run_hot_plug(board, path):
    """line run on a usb:?path= slot (docs/line-mode.md "USB hot-plug"): the station is started
    with the board unplugged and a poll period of a minute, so only the USB watcher can start the
    board in time; the install goes across the board's re-enumerations in the same slot; the board
    unplugged after passing is "removed" at once and, plugged in again, recognised (not run again,
    no second serial)."""
    recipe, db = f'{TMP}/line.json', f'sqlite:{TMP}/line.db'
    cli_ok('line', 'recipe', 'create', '--board', 'stm32f4-ref', '--package', PKG, '--serial', 'LR-{seq:04}',
           '--name', 'rig', '-o', recipe)
    cli_ok('line', 'recipe', 'release', recipe, '--db', db)
    station = subprocess.Popen([CLI, 'line', 'run', recipe, '--slot', f'usb:?path={path}', '--db', db, '--station', 'rig',
                                '--count', '2', '--poll-ms', '60000'],
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    events = []
    threading.Thread(target=lambda: events.extend(json.loads(line) for line in station.stdout if line.startswith('{')),
                     daemon=True).start()

    def wait_event(pred, timeout, what):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for e in list(events):
                if pred(e):
                    return e
            if station.poll() is not None and not any(pred(e) for e in list(events)):
                break
            time.sleep(0.1)
        raise Failure(f'line run: no {what} within {timeout} s; events: {[e.get("event") + ":" + str(e.get("state", e.get("change", ""))) for e in events]}')

    try:
        wait_event(lambda e: e.get('event') == 'state' and e.get('state') == 'empty', 20, 'empty slot')
        plugged = time.monotonic()
        board.start()
        wait_event(lambda e: e.get('event') == 'usb' and e.get('change') in ('arrived', 're-enumerated'), 20, 'usb arrival')
        wait_event(lambda e: e.get('event') == 'state' and e.get('state') == 'present', 20, 'present board')
        started = time.monotonic() - plugged
        check(started < 30, f'the board started {started:.1f} s after the plug (the poll period is 60 s)')
        result = wait_event(lambda e: e.get('event') == 'result', 200, 'result')
        check(result.get('result') == 'pass', f'line run result: {result}')
        serial = result['identifiers']['serial']
        check(serial == 'LR-0001', f'serial given: {serial}')
        uid = result['uid']
        reenum = [e for e in events if e.get('event') == 'usb']
        log(f'line run: board {uid} passed {started:.1f} s after the plug; {len(reenum)} usb events so far')
        got = cli_ok('-c', f'usb:?path={path}', 'config', 'get', 'serial')
        check(got['config']['serial'] == serial, f'board config serial: {got}')
        ok(f'line run, usb:?path= slot: started by the watcher {started:.1f} s after the plug (poll 60 s), '
           f'installed across re-enumerations in the same slot, serial {serial} on the board')

        with open(f'{GADGET}/UDC', 'w') as f:
            f.write('\n')
        unplugged = time.monotonic()
        wait_event(lambda e: e.get('event') == 'state' and e.get('state') == 'removed', 20, 'removed')
        gone = time.monotonic() - unplugged
        with open(f'{GADGET}/UDC', 'w') as f:
            f.write(sorted(os.listdir('/sys/class/udc'))[0])
        again = wait_event(lambda e: e.get('event') == 'result' and e.get('recognised'), 40, 'recognised board')
        check(again['uid'] == uid, f'recognised another board: {again}')
        rc = station.wait(timeout=30)
        summary = [e for e in events if e.get('event') == 'summary']
        check(rc == 0 and summary and summary[-1]['passed'] == 1 and summary[-1]['recognised'] == 1,
              f'line run exit {rc}, summary {summary}: {station.stderr.read()[-1500:]}')
        rows = cli_ok('line', 'report', '--db', db, '--format', 'json')['boards']
        check(len(rows) == 1 and rows[0]['attempts'] == 1 and rows[0]['serial'] == serial, f'report: {rows}')
        ok(f'unplugged after passing: removed {gone:.1f} s later; plugged in again: recognised, not run again, one attempt, one serial')
    finally:
        if station.poll() is None:
            station.kill()
            station.wait(timeout=10)
    board.stop()


def main():
    return run_on_board(run, (Failure, subprocess.TimeoutExpired, OSError, json.JSONDecodeError))


def run(board):
    udc = sorted(os.listdir('/sys/class/udc'))
    check(udc, 'no UDC in /sys/class/udc')
    log(f'UDC: {udc[0]}')
    rc, obj, text = cli('-c', 'usb:', 'ping', timeout=30)
    check(rc == 3 and 'no Piton USB board is present' in text, f'ping without a board: rc {rc}: {text}')
    ok('no board yet: usb: is a link error (exit 3) that says so')

    # The watcher (the GUI's device list) must see the board arrive now and leave at the unplug below.
    watch = subprocess.Popen([PROBE, '1000', '150000'], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True)
    check(watch.stdout.readline().startswith('watching'), 'usb_watch_probe did not start')
    events = []
    threading.Thread(target=lambda: events.extend(watch.stdout), daemon=True).start()
    ready = board.start()
    usb = wait_for_board()
    check(len(usb) == 1, f'expected one board, got {usb}')
    dev = usb[0]
    check(dev['vidpid'] == '1209:0001', f'vid:pid {dev}')
    check(dev['manufacturer'] == 'Piton', f'manufacturer {dev}')
    check(dev['product'] == 'Piton virtual board', f'product (config usb.product) {dev}')
    check(dev['serialNumber'].startswith('PT-'), f'serial {dev}')
    check(dev['accessible'], f'not accessible {dev}')
    serial, path = dev['serialNumber'], dev['portPath']
    check(dev['uri'] == f'usb:?path={path}', f'uri {dev}')
    log(f'board {serial} at {path} ({dev["product"]})')
    ok('piton-cli list shows the gadget: 1209:0001, strings from the config, port path')

    for uri in ('usb:', 'usb:1209:0001', f'usb:?serial={serial}', f'usb:?path={path}'):
        ping = cli_ok('-c', uri, 'ping')
        check(ping['stage'] == 'bootloader', f'{uri}: stage {ping}')
        check(ping['maxPayload'] == 16384, f'{uri}: max payload {ping}')
    ok('ping over usb:, usb:VID:PID, usb:?serial=, usb:?path= (bootloader, 16384-byte payloads)')

    rc, obj, text = cli('-c', 'usb:?serial=PT-NOBODY', 'ping', timeout=30)
    check(rc == 3 and 'no USB board matches' in text and serial in text, f'wrong serial: rc {rc}: {text}')
    ok('a serial that matches no board: exit 3, the message lists the board present')

    info = cli_ok('-c', f'usb:?serial={serial}', 'info')
    check(info['serialNumber'] == serial, f'INFO serial {info["serialNumber"]} != USB serial {serial}')
    ok('info: the USB serial string is the device serial number')

    size = os.path.getsize(PKG)
    dep = cli_ok('-c', 'usb:', 'deploy', PKG, timeout=150)
    check(dep['resumedFrom'] == 0 and dep['sent'] == size, f'deploy {dep}')
    check(dep['info']['applicationVersion'] == '1.2.3' and dep['info']['stage'] == 'application', f'deploy info {dep}')
    rate = dep['bytesPerSecond']
    print(f'USB deploy throughput: {rate} bytes/s ({size} bytes staged in {dep["stagingMs"]} ms, '
          f'whole deploy incl. install and re-enumeration {dep["totalMs"]} ms; QEMU TCG, dummy_hcd high speed)', flush=True)
    ok('deploy over USB, the board resets, re-enumerates and is found again for verification')

    back = f'{TMP}/deployment.bin'
    cli_ok('-c', 'usb:', 'read', 'deployment', '-o', back)
    oracle = read_file(os.path.join(WORK, 'app.bin'))
    region = read_file(back)
    check(len(region) > len(oracle) and region[:len(oracle)] == oracle, 'read-back differs from srec_cat\'s binary')
    check(region[len(oracle):] == b'\xff' * (len(region) - len(oracle)), 'bytes after the image are not erased')
    cli_ok('-c', 'usb:', 'verify', PKG)
    ok(f'read back {len(region)} bytes of deployment over USB: equal to the image, rest erased; verify passes')

    backup = f'{TMP}/config-1.ptcfg'
    cli_ok('-c', 'usb:', 'config', 'backup', '-o', backup)
    cli_ok('-c', 'usb:', 'config', 'set', 'usb.product=Rig fixture 7', 'net.ip=192.168.7.20')
    cli_ok('-c', 'usb:', 'reboot')
    wait_for_board(product='Rig fixture 7')
    ok('config set usb.product + reboot: the board re-enumerates with the new product string')
    cli_ok('-c', 'usb:', 'config', 'restore', backup, timeout=40)
    cli_ok('-c', 'usb:', 'reboot')
    wait_for_board(product='Piton virtual board')
    again = f'{TMP}/config-2.ptcfg'
    cli_ok('-c', 'usb:', 'config', 'backup', '-o', again)
    check(read_file(again) == read_file(backup), 'config after restore differs from the backup')
    ok('config backup / restore over USB: byte for byte, product string back')

    two_sessions(ready['serial'])

    cli_ok('-c', 'usb:', 'erase', 'deployment')
    cli_ok('-c', 'usb:', 'read', 'deployment', '-o', back)
    region = read_file(back)
    check(region == b'\xff' * len(region), 'deployment not erased')
    ok('erase deployment over USB; read back all 0xFF')

    # Unplug by hand: unbind the gadget from the UDC, the host loses the device; bind again.
    with open(f'{GADGET}/UDC', 'w') as f:
        f.write('\n')
    wait_for_board(present=False, timeout=10)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not (events and events[-1].startswith('left')):
        time.sleep(0.2)
    watch.terminate()
    watch.wait(timeout=10)
    lines = [e.strip() for e in events]
    log(f'watcher saw {len(lines)} events: {lines[0] if lines else "-"} ... {lines[-1] if lines else "-"}')
    check(len(lines) >= 2, f'UsbDeviceWatcher events: {lines}')
    check(lines[0].startswith(f'arrived 1209:0001 {serial} {path} Piton virtual board'), f'first event: {lines[0]}')
    check(lines[-1].startswith(f'left 1209:0001 {serial} {path}'), f'last event: {lines[-1]}')
    check(sum(e.startswith('arrived') for e in lines) == sum(e.startswith('left') for e in lines),
          f'arrivals and departures do not pair up: {lines}')
    ok(f'UsbDeviceWatcher: {len(lines)} events, deviceArrived at plug-in and each re-enumeration, deviceLeft at each reset and the unplug')
    rc, obj, text = cli('-c', 'usb:', 'ping', timeout=30)
    check(rc == 3, f'ping while unplugged: rc {rc}: {text}')
    with open(f'{GADGET}/UDC', 'w') as f:
        f.write(udc[0])
    wait_for_board(timeout=15)
    cli_ok('-c', 'usb:', 'ping')
    ok('unbind from the UDC (unplug): board gone, ping exit 3; bind again: ping answers')

    # Unplug in the middle of a deploy: piton-vboard unbinds itself after half the package.
    board.stop()
    board.start('--drop-link-after', str(size // 2))
    wait_for_board()
    rc, obj, text = cli('-c', 'usb:', 'deploy', PKG, timeout=150)
    check(rc == 3, f'deploy across an unplug should fail with a link error (3), got {rc}: {text}')
    log(f'first deploy: {text.strip().splitlines()[-1][:300]}')
    wait_for_board(timeout=15)
    dep = cli_ok('-c', 'usb:', 'deploy', PKG, timeout=150)
    check(dep['resumedFrom'] > 0, f'second deploy did not resume: {dep}')
    check(dep['resumedFrom'] + dep['sent'] == size, f'resumed + sent != size: {dep}')
    cli_ok('-c', 'usb:', 'verify', PKG)
    ok(f'unplug mid-deploy: exit 3, re-plug, deploy again resumes from {dep["resumedFrom"]} of {size} bytes; verify passes')

    board.stop()
    line_run_hot_plug(board, path)
    dfuse_rom(board)

    board.stop()
    check(not os.path.exists(GADGET), 'piton-vboard left its gadget in configfs')
    ok('piton-vboard stops cleanly and removes its gadget')


if __name__ == '__main__':
    sys.exit(main())
