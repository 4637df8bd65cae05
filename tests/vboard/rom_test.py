#!/usr/bin/env python3
"""The emulated STM32F405 ROM bootloader of piton-vboard (vb_rom.h), against AN3155 byte by
byte and against Debian's stm32flash 0.7 as the real client (registered with ctest as rom.*).

usage: rom_test.py TEST --vboard PATH --boards-dir DIR [--stm32flash PATH] [--cli PATH]

Every check of a write or erase reads the flash file itself (internal flash first in the file,
vb_flash.h), never only stm32flash's exit status (it exits 0 after a failed Go, ROM-LOADER.md §3).
"""
import os
import select
import signal
import subprocess
import sys
import time

import vboard_test as vt
from vboard_test import check

ACK, NACK = 0x79, 0x1F
FLASH = 0x08000000
FLASH_SIZE = 1 << 20
BOOT_REGION = 0x8000            # stm32f4-ref: bootloader region, sectors 0 and 1
SECTORS = [16384] * 4 + [65536] + [131072] * 7
STM32FLASH = None
CLI = None


def sector_start(i):
    return FLASH + sum(SECTORS[:i])


def flash_bytes(path, address=FLASH, length=FLASH_SIZE):
    with open(path, "rb") as f:
        f.seek(address - FLASH)
        return f.read(length)


def external_bytes(path):
    with open(path, "rb") as f:
        f.seek(FLASH_SIZE)
        return f.read()


def stm32flash(pty, *args, timeout=60):
    """Runs stm32flash -m 8n1 (a pty carries no parity); returns (exit status, output). After
    the commands that reset the chip (-j, -k, -u, -g) it waits a moment: stm32flash exits on the
    last ACK, and a 0x7F of the next run that reaches the chip during its reset is lost (as on a
    real chip), which stm32flash does not retry."""
    p = subprocess.run([STM32FLASH, "-m", "8n1"] + list(args) + [pty], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=timeout)
    if any(a in ("-j", "-k", "-u", "-g") for a in args):
        time.sleep(0.3)
    return p.returncode, p.stdout.decode(errors="replace").replace("\r", "\n")


class Rom:
    """Raw AN3155 exchanges on the pty, built from AN3155 rev 14 §2-3 (not from the device code)."""

    def __init__(self, path):
        self.fd = vt.open_pty(path)

    def close(self):
        os.close(self.fd)

    def send(self, *chunks):
        for c in chunks:
            os.write(self.fd, bytes(c))

    def read(self, n, timeout=3.0):
        buf = b""
        end = time.time() + timeout
        while len(buf) < n and time.time() < end:
            r, _, _ = select.select([self.fd], [], [], 0.1)
            if r:
                buf += os.read(self.fd, n - len(buf))
        return buf

    def quiet(self, t=0.2):
        """Nothing more arrives within t seconds."""
        r, _, _ = select.select([self.fd], [], [], t)
        return not r

    def sync(self, attempts=10):
        """0x7F until ACK (fresh ROM) or NACK (already synchronised). A 0x7F sent while the chip
        resets after a command is lost, as on a real chip: send it again, as clients do."""
        for _ in range(attempts):
            self.send([0x7F])
            r = self.read(1, timeout=0.5)
            if r in (bytes([ACK]), bytes([NACK])):
                return r
        return b""

    def cmd(self, code):
        self.send([code, code ^ 0xFF])
        return self.read(1)

    @staticmethod
    def addr(a):
        b = a.to_bytes(4, "big")
        return b + bytes([b[0] ^ b[1] ^ b[2] ^ b[3]])

    def read_memory(self, a, n):
        """Returns the data, or the answers up to the first one that is not ACK."""
        out = self.cmd(0x11)
        if out != bytes([ACK]):
            return out
        self.send(self.addr(a))
        out += self.read(1)
        if out[-1:] != bytes([ACK]):
            return out
        self.send([n - 1, (n - 1) ^ 0xFF])
        out += self.read(1)
        if out[-1:] != bytes([ACK]):
            return out
        return self.read(n)

    def write_memory(self, a, data):
        """Returns the answer bytes (ACK ACK ACK when written)."""
        out = self.cmd(0x31)
        if out != bytes([ACK]):
            return out
        self.send(self.addr(a))
        r = self.read(1)
        out += r
        if r != bytes([ACK]):
            return out
        cs = len(data) - 1
        for b in data:
            cs ^= b
        self.send([len(data) - 1], data, [cs])
        return out + self.read(1)

    def erase(self, pages, count=None, checksum=None):
        out = self.cmd(0x44)
        if out != bytes([ACK]):
            return out
        n = (len(pages) - 1) if count is None else count
        body = n.to_bytes(2, "big") + b"".join(p.to_bytes(2, "big") for p in pages)
        cs = 0
        for b in body:
            cs ^= b
        self.send(body, [cs if checksum is None else checksum])
        return out + self.read(1, timeout=10)


def rom_board(d, *extra, flash="f.bin"):
    return vt.serial_board(d, *extra, flash=flash, link="ttyROM")


def need_stm32flash():
    if not STM32FLASH:
        print("SKIP: stm32flash not found (Debian package stm32flash)")
        sys.exit(77)


# ---- tests -------------------------------------------------------------------------------------

def t_protocol(d):
    """AN3155 byte by byte: sync, Get/Get Version/Get ID, the limits and what gets a NACK."""
    b, link = rom_board(d, "--rom-loader", "--clock-step", "2500")
    path = os.path.join(d, "f.bin")
    check(b.ready.get("rom") is True, "protocol: ready line says rom:true with --rom-loader")
    r = Rom(link)
    r.send([0x41, 0x00])  # bytes before the sync byte are ignored
    check(r.quiet(), "protocol: nothing answered before 0x7F")
    r.send([0x7F])
    check(r.read(1) == bytes([ACK]), "protocol: 0x7F -> ACK")
    check(r.cmd(0x00) == bytes([ACK]) and r.read(14) == bytes([0x0B, 0x31, 0x00, 0x01, 0x02, 0x11, 0x21, 0x31,
                                                               0x44, 0x63, 0x73, 0x82, 0x92, ACK]),
          "protocol: Get lists version 3.1 and the 11 F4 commands")
    check(r.cmd(0x01) == bytes([ACK]) and r.read(4) == bytes([0x31, 0, 0, ACK]), "protocol: Get Version 0x31")
    check(r.cmd(0x02) == bytes([ACK]) and r.read(4) == bytes([0x01, 0x04, 0x13, ACK]), "protocol: Get ID 0x0413")
    r.send([0x7F, 0x7F])
    check(r.read(1) == bytes([NACK]), "protocol: 7F 7F (a second sync) fails the complement check: NACK")
    check(r.cmd(0x43) == bytes([NACK]), "protocol: legacy Erase 0x43 is not an F4 command: NACK")
    r.send([0x11, 0x00])
    check(r.read(1) == bytes([NACK]), "protocol: command without its complement: NACK")
    # Read Memory
    head = r.read_memory(FLASH, 23)
    check(head == b"PITON-BOOTLOADER 1.0.0\0", "protocol: Read Memory of the flash start gives the bootloader header")
    check(r.read_memory(FLASH + FLASH_SIZE - 256, 256) == flash_bytes(path, FLASH + FLASH_SIZE - 256, 256),
          "protocol: 256-byte read at the end of flash")
    check(r.read_memory(FLASH + FLASH_SIZE - 16, 32) == bytes([ACK, ACK, NACK]),
          "protocol: a read crossing the end of flash: NACK after the length")
    check(r.read_memory(0x30000000, 4) == bytes([ACK, NACK]), "protocol: read outside the memory map: NACK")
    r.cmd(0x11)
    r.send(b"\x08\x00\x00\x00\x00")
    check(r.read(1) == bytes([NACK]), "protocol: bad address checksum: NACK")
    opt = r.read_memory(0x1FFFC000, 16)
    check(len(opt) == 16 and opt[0] == 0xEC and opt[1] == 0xAA and opt[8:10] == b"\xff\x0f",
          "protocol: option bytes USER 0xEC, RDP 0xAA, nWRP 0x0FFF")
    check(len(r.read_memory(0x1FFF0000, 256)) == 256, "protocol: system memory is readable")
    # Write Memory limits (each refusal leaves the flash as it was)
    before = flash_bytes(path)
    check(r.write_memory(0x08060002, b"\x00" * 4) == bytes([ACK, ACK, NACK]), "protocol: unaligned write: NACK")
    check(r.write_memory(0x08060000, b"\x00" * 6) == bytes([ACK, ACK, NACK]), "protocol: length not a multiple of 4: NACK")
    check(r.write_memory(FLASH + FLASH_SIZE - 4, b"\x00" * 8) == bytes([ACK, ACK, NACK]),
          "protocol: write crossing the end of flash: NACK")
    check(r.write_memory(FLASH, b"\x00" * 4) == bytes([ACK, ACK, ACK]), "protocol: write clearing bits: ACK")
    check(r.write_memory(FLASH, b"\xff" * 4) == bytes([ACK, ACK, NACK]),
          "protocol: write over bytes that are not erased (NOR rule): NACK")
    check(r.write_memory(0x20001000, b"\x01" * 4) == bytes([ACK, ACK, NACK]), "protocol: write to ROM-reserved RAM: NACK")
    check(r.write_memory(0x20004000, b"\x01\x02\x03\x04") == bytes([ACK, ACK, ACK]), "protocol: write to SRAM: ACK")
    check(r.read_memory(0x20004000, 4) == b"\x01\x02\x03\x04", "protocol: SRAM reads back")
    check(r.write_memory(0x1FFF0000, b"\x00" * 4) == bytes([ACK, ACK, NACK]), "protocol: write to system memory: NACK")
    # bad data checksum
    r.cmd(0x31)
    r.send(r.addr(0x08070000))
    r.read(1)
    r.send([3, 0, 0, 0, 0, 0x55])
    check(r.read(1) == bytes([NACK]), "protocol: bad write checksum: NACK")
    after = flash_bytes(path)
    check(after[:4] == b"\0\0\0\0" and after[4:] == before[4:], "protocol: only the accepted write changed the flash")
    # Extended Erase refusals change nothing
    check(r.erase([6, 12]) == bytes([ACK, NACK]), "protocol: erase list with sector 12 (there are 12): NACK")
    check(r.erase([6], checksum=0x33) == bytes([ACK, NACK]), "protocol: erase with a bad checksum: NACK")
    check(r.erase([], count=0xFFFE, checksum=0x01) == bytes([ACK, NACK]), "protocol: bank 1 erase on a single bank: NACK")
    check(r.erase([], count=0xFFF5, checksum=0x0A) == bytes([ACK, NACK]), "protocol: reserved erase code: NACK")
    check(flash_bytes(path) == after, "protocol: refused erases left the flash unchanged")
    # Go outside flash and SRAM
    r.cmd(0x21)
    r.send(r.addr(0x1FFF0000))
    check(r.read(1) == bytes([NACK]), "protocol: Go into system memory: NACK")
    # a partial command is dropped after the idle time; the ROM then takes commands again
    r.cmd(0x31)
    check(b.advance_clock(), "protocol: 2.5 s pass on the board's clock (--clock-step, not waited for)")
    check(r.cmd(0x02) == bytes([ACK]) and r.read(4) == bytes([0x01, 0x04, 0x13, ACK]),
          "protocol: a partial command is dropped after 2 s idle")
    r.close()
    rc, out, err = b.stop()
    check(rc == 0, "protocol: exit status 0")
    check("rom: NACK: write of 4 bytes at 0x08060002" in err, "protocol: refusals are logged on stderr")


def t_stm32flash(d):
    """stm32flash: info, write with verify, read back, sector erase, mass erase."""
    need_stm32flash()
    b, link = rom_board(d, "--rom-loader")
    path = os.path.join(d, "f.bin")
    ext_before = external_bytes(path)
    rc, out = stm32flash(link)
    check(rc == 0 and "Device ID    : 0x0413 (STM32F40xxx/41xxx)" in out and "Version      : 0x31" in out,
          "stm32flash: device info (0x0413, version 0x31)")
    image = bytes((i * 7 + (i >> 8)) & 0xFF for i in range(70000))
    img = os.path.join(d, "img.bin")
    with open(img, "wb") as f:
        f.write(image)
    base = sector_start(6)
    rc, out = stm32flash(link, "-w", img, "-v", "-S", "0x%08x" % base)
    check(rc == 0 and "Wrote and verified address 0x08051170 (100.00%) Done." in out,
          "stm32flash: write 70000 bytes with verify at sector 6\n" + out[-300:])
    check(flash_bytes(path, base, len(image)) == image, "stm32flash: the flash file holds the image")
    check(flash_bytes(path, FLASH, 22) == b"PITON-BOOTLOADER 1.0.0", "stm32flash: the bootloader region is untouched")
    back = os.path.join(d, "back.bin")
    rc, out = stm32flash(link, "-r", back, "-S", "0x%08x:%d" % (base, len(image)))
    with open(back, "rb") as f:
        check(rc == 0 and f.read() == image, "stm32flash: read back equal")
    # sector erase of sector 7 only (write a pattern there first)
    s7 = sector_start(7)
    with open(img, "wb") as f:
        f.write(b"\x5a" * 4096)
    stm32flash(link, "-w", img, "-S", "0x%08x" % s7)
    check(flash_bytes(path, s7, 4096) == b"\x5a" * 4096, "stm32flash: pattern written to sector 7")
    rc, out = stm32flash(link, "-o", "-S", "0x%08x:%d" % (s7, SECTORS[7]))
    check(rc == 0 and flash_bytes(path, s7, SECTORS[7]) == b"\xff" * SECTORS[7], "stm32flash: sector 7 erased")
    check(flash_bytes(path, base, len(image)) == image, "stm32flash: sector 6 kept by the sector erase")
    rc, out = stm32flash(link, "-o")
    check(rc == 0 and flash_bytes(path) == b"\xff" * FLASH_SIZE, "stm32flash: mass erase: internal flash all 0xFF")
    check(external_bytes(path) == ext_before, "stm32flash: mass erase leaves the external flash alone")
    rc, out, err = b.stop()
    check(rc == 0, "stm32flash: exit status 0")


def t_protect(d):
    """Readout protection really blocks reads; unprotect mass-erases. Write protection."""
    need_stm32flash()
    b, link = rom_board(d, "--rom-loader")
    path = os.path.join(d, "f.bin")
    before = flash_bytes(path)
    rc, out = stm32flash(link, "-j")
    check(rc == 0 and flash_bytes(path) == before, "protect: readout protect (-j); flash kept")
    out_file = os.path.join(d, "x.bin")
    rc, out = stm32flash(link, "-r", out_file, "-S", "0x08000000:256")
    check(rc != 0 and "Got NACK from device on command 0x11" in out, "protect: stm32flash read refused under RDP\n" + out[-400:])
    r = Rom(link)
    r.sync()
    check(r.read_memory(FLASH, 16) == bytes([NACK]), "protect: Read Memory under RDP: NACK after the command")
    check(r.write_memory(0x08060000, b"\0" * 4) == bytes([NACK]), "protect: Write Memory under RDP: NACK")
    check(r.cmd(0x02) == bytes([ACK]) and r.read(4) == bytes([1, 4, 0x13, ACK]), "protect: Get ID works under RDP")
    r.close()
    check(flash_bytes(path) == before, "protect: nothing changed while protected")
    rc, out = stm32flash(link, "-k")
    check(rc == 0 and flash_bytes(path) == b"\xff" * FLASH_SIZE, "protect: readout unprotect (-k) mass-erased the flash")
    rc, out = stm32flash(link, "-r", out_file, "-S", "0x08000000:256")
    with open(out_file, "rb") as f:
        check(rc == 0 and f.read() == b"\xff" * 256, "protect: reads work again after unprotect")
    # write protection of sector 2 (raw: stm32flash has no option for chosen sectors)
    r = Rom(link)
    r.sync()
    r.cmd(0x63)
    r.send([0, 2, 0 ^ 2])
    check(r.read(1) == bytes([ACK]), "protect: Write Protect sector 2: ACK (then reset)")
    time.sleep(0.3)
    r.sync()
    opt = r.read_memory(0x1FFFC000, 16)
    check(opt[8:10] == b"\xfb\x0f", "protect: nWRP bit 2 cleared (0x0FFB)")
    check(r.write_memory(sector_start(2), b"\0" * 4) == bytes([ACK, ACK, NACK]), "protect: write into sector 2: NACK")
    check(r.write_memory(sector_start(3), b"\0" * 4) == bytes([ACK, ACK, ACK]), "protect: write into sector 3: ACK")
    r.close()
    rc, out = stm32flash(link, "-u")
    r = Rom(link)
    r.sync()
    check(rc == 0 and r.write_memory(sector_start(2), b"\0" * 4) == bytes([ACK, ACK, ACK]),
          "protect: write unprotect (-u); sector 2 writable again")
    r.close()
    check(flash_bytes(path, sector_start(2), 4) == b"\0" * 4, "protect: the write reached the flash file")
    rc, out, err = b.stop()
    check(rc == 0, "protect: exit status 0")


def t_recover(d):
    """A board whose bootloader region was wiped comes up in the ROM by itself; stm32flash writes
    the bootloader region back, -g starts it, and Piton's bootloader answers PING."""
    need_stm32flash()
    path = os.path.join(d, "f.bin")
    b, link = rom_board(d)
    check(b.ready.get("rom") is None, "recover: a factory board boots Piton (no rom in the ready line)")
    fd = vt.open_pty(link)
    check(vt.check_ping("recover: ping before", lambda data: os.write(fd, data), vt.fd_recv(fd), 1, 4096, 4096) in (1, 2),
          "recover: Piton answers before the wipe")
    os.close(fd)
    b.stop()
    region = flash_bytes(path, FLASH, BOOT_REGION)
    saved = os.path.join(d, "bootloader.bin")
    with open(saved, "wb") as f:
        f.write(region)
    with open(path, "r+b") as f:  # the bootloader region is wiped (sectors 0 and 1 erased)
        f.write(b"\xff" * BOOT_REGION)
    b, link = rom_board(d)
    check(b.ready.get("rom") is True, "recover: with no bootloader image the ROM serves (rom:true)")
    rc, out = stm32flash(link, "-g", "0x08000000")
    fd = vt.open_pty(link)
    os.write(fd, vt.frame(0x01, 2, b"\x00\x10\x00\x00\x04"))
    answer = os.read(fd, 64) if select.select([fd], [], [], 1.0)[0] else b""
    check(rc == 0 and b"PT" not in answer, "recover: Go with no bootloader image keeps the ROM running (no PING answer)")
    os.close(fd)
    rc, out = stm32flash(link, "-w", saved, "-v", "-g", "0x08000000", "-S", "0x08000000")
    check(rc == 0 and "Starting execution at address 0x08000000... done." in out, "recover: write, verify, go")
    check(flash_bytes(path, FLASH, BOOT_REGION) == region, "recover: the bootloader region is back, byte for byte")
    time.sleep(0.2)
    fd = vt.open_pty(link)
    stage = vt.check_ping("recover: ping after Go", lambda data: os.write(fd, data), vt.fd_recv(fd), 3, 4096, 4096)
    check(stage in (1, 2), "recover: Piton answers after Go")
    os.close(fd)
    # BOOT0: high (SIGUSR2) and reset (SIGHUP): the ROM again; low and reset: Piton again
    b.proc.send_signal(signal.SIGUSR2)
    time.sleep(0.1)
    b.proc.send_signal(signal.SIGHUP)
    time.sleep(0.3)
    rc, out = stm32flash(link)
    check(rc == 0 and "0x0413" in out, "recover: BOOT0 high + reset: the ROM serves")
    b.proc.send_signal(signal.SIGUSR2)
    time.sleep(0.1)
    b.proc.send_signal(signal.SIGHUP)
    time.sleep(0.3)
    fd = vt.open_pty(link)
    check(vt.check_ping("recover: ping after BOOT0 low", lambda data: os.write(fd, data), vt.fd_recv(fd), 4, 4096,
                        4096) in (1, 2), "recover: BOOT0 low + reset: Piton again")
    os.close(fd)
    rc, out, err = b.stop()
    check(rc == 0, "recover: exit status 0")
    check("BOOT0 is now high" in err and "BOOT0 is now low" in err and "reset button pressed" in err,
          "recover: BOOT0 and reset are logged")


def cli(*args, timeout=60):
    """Runs piton-cli; returns (exit status, stdout, stderr)."""
    p = subprocess.run([CLI] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout, env=vt.cli_env())
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


def t_cli(d):
    """Piton's own ROM client: a board whose bootloader region was wiped comes back with
    piton-cli rom write (erase, program, read back, Go) and answers PING from Piton's bootloader."""
    if not CLI:
        print("SKIP: no piton-cli given")
        sys.exit(77)
    path = os.path.join(d, "f.bin")
    b, link = rom_board(d)
    b.stop()
    region = flash_bytes(path, FLASH, BOOT_REGION)
    saved = os.path.join(d, "bootloader.bin")
    with open(saved, "wb") as f:
        f.write(region)
    with open(path, "r+b") as f:  # wipe the bootloader region
        f.write(b"\xff" * BOOT_REGION)
    b, link = rom_board(d)
    check(b.ready.get("rom") is True, "cli: the wiped board comes up in the ROM")
    rom = "rom+serial:" + link
    rc, out, err = cli("-c", rom, "rom", "info")
    check(rc == 0 and out.strip() == "ROM bootloader 3.1, PID 0x0413 (STM32F40x/41x, flash 1.0 MiB at 0x08000000)",
          "cli: rom info (%r)" % (out.strip() or err.strip()))
    rc, out, err = cli("-c", rom, "--json", "rom", "info")
    check(rc == 0 and '"pid":"0x0413"' in out.replace(" ", "") and '"flashSize":1048576' in out.replace(" ", ""),
          "cli: rom info --json")
    # refusals change nothing
    before = flash_bytes(path)
    far = os.path.join(d, "far.bin")
    with open(far, "wb") as f:
        f.write(b"\0" * 64)
    rc, out, err = cli("-c", rom, "--yes", "rom", "write", far, "--base", "0x080FFFE0")
    check(rc == 2 and "does not lie in the flash" in err and flash_bytes(path) == before,
          "cli: an image running past the end of flash: exit 2, nothing changed (%s)" % err.strip())
    rc, out, err = cli("-c", "serial:" + link, "rom", "info")
    check(rc == 2 and "not a ROM bootloader link" in err, "cli: rom info on a serial: link: exit 2")
    rc, out, err = cli("-c", rom, "ping")
    check(rc == 2 and "does not speak Piton's protocol" in err, "cli: ping on a rom+serial: link: exit 2")
    # read, sector erase, go, mass erase, readout unprotect
    s7 = sector_start(7)
    pattern = bytes((i * 13) & 0xFF for i in range(5000))
    pat = os.path.join(d, "pattern.bin")
    with open(pat, "wb") as f:
        f.write(pattern)
    rc, out, err = cli("-c", rom, "--yes", "rom", "write", pat, "--base", "0x%08x" % s7)
    check(rc == 0 and flash_bytes(path, s7, len(pattern)) == pattern, "cli: pattern written to sector 7")
    back = os.path.join(d, "back.bin")
    rc, out, err = cli("-c", rom, "rom", "read", "0x%08x" % s7, str(len(pattern)), "-o", back)
    with open(back, "rb") as f:
        check(rc == 0 and f.read() == pattern, "cli: rom read gives the pattern back")
    rc, out, err = cli("-c", rom, "--yes", "rom", "erase", "--sectors", "7,12")
    check(rc == 2 and "sectors 0..11, not 12" in err and flash_bytes(path, s7, len(pattern)) == pattern,
          "cli: rom erase of sector 12: exit 2, nothing erased (%s)" % err.strip())
    rc, out, err = cli("-c", rom, "--yes", "rom", "erase", "--sectors", "7")
    check(rc == 0 and flash_bytes(path, s7, SECTORS[7]) == b"\xff" * SECTORS[7], "cli: rom erase --sectors 7")
    rc, out, err = cli("-c", rom, "rom", "go", "0x08000000")
    check(rc == 0, "cli: rom go with no bootloader image (the emulated ROM keeps running)")
    rc, out, err = cli("-c", rom, "--yes", "rom", "write", pat, "--base", "0x%08x" % s7)
    rc2, out, err = cli("-c", rom, "--yes", "rom", "erase", "--mass")
    check(rc == 0 and rc2 == 0 and flash_bytes(path) == b"\xff" * FLASH_SIZE, "cli: rom erase --mass")
    rc, out, err = cli("-c", rom, "--yes", "rom", "unprotect")
    check(rc == 0 and "erased its flash" in out, "cli: rom unprotect")
    rc, out, err = cli("-c", rom, "--yes", "rom", "write", saved, "--base", "0x08000000", "--go", "0x08000000")
    check(rc == 0 and "32768 bytes at 0x08000000 written and verified (sectors 0,1 erased); Go 0x08000000" in out,
          "cli: rom write of the bootloader region with --go (%s)" % (out.strip() or err.strip()))
    check(flash_bytes(path, FLASH, BOOT_REGION) == region, "cli: the bootloader region is back, byte for byte")
    time.sleep(0.3)  # the reset after Go
    rc, out, err = cli("-c", "serial:" + link, "ping")
    check(rc == 0 and "stage bootloader" in out, "cli: Piton's bootloader answers PING after Go (%s)" % (out.strip() or err.strip()))
    rc, out, err = cli("-c", rom, "rom", "info")
    check(rc == 3 and "no STM32 ROM bootloader answers" in err, "cli: rom info with Piton running: exit 3, says so")
    rc, out, err = b.stop()
    check(rc == 0, "cli: exit status 0")


def t_options(d):
    """--rom-loader needs an STM32 board profile."""
    rc, out, err = vt.run_fail("--boards-dir", vt.ARGS.boards_dir, "--board", "uniform-4k", "--flash",
                               os.path.join(d, "u.bin"), "--rom-loader")
    check(rc == 2 and "emulated STM32F405 ROM loader" in err, "options: --rom-loader on uniform-4k: exit 2, reason (%s)" % err.strip())


TESTS = dict(protocol=t_protocol, stm32flash=t_stm32flash, protect=t_protect, recover=t_recover, options=t_options,
             cli=t_cli)


def set_clients(args):
    """The clients the tests run: --stm32flash (None: not installed) and --cli (None: not given)."""
    global STM32FLASH, CLI
    STM32FLASH = args.stm32flash if os.path.isfile(args.stm32flash) else None
    CLI = args.cli or None


def main():
    return vt.run_main(TESTS, "vboard-rom-", [("--stm32flash", dict(default="")), ("--cli", dict(default=""))],
                       set_clients)


if __name__ == "__main__":
    sys.exit(main())
