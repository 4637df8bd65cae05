#!/usr/bin/env python3
"""Writes the hand-made seeds of the key update targets (docs/fuzzing.md "Key update targets"):
KEY_UPDATE payloads (docs/package-format.md "Key updates") for the board of
tests/fuzz/device/fuzz_keyupdate_board.c (generation 0: package keys 1 and 2, access key 3, root
key 4, arbitrary points), each behind an option byte (fuzz_keyupdate_board.h). The signatures
and the root key proof are placeholder bytes: the targets decide what verifies from the option
byte. Usage: tests/fuzz/device/make_keyupdate_seeds.py tests/fuzz/corpus"""
import hashlib
import os
import struct
import sys

SPKI_PREFIX = bytes.fromhex("3059301306072a8648ce3d020106082a8648ce3d030107034200")  # RFC 5480, P-256
ADD, REVOKE = 1, 2
PACKAGE, ACCESS, ROOT = 1, 2, 4


def point(fill):
    return b"\x04" + bytes([fill]) * 64


BOARD = {"package1": point(0x40), "package2": point(0x41), "access": point(0x43), "root": point(0x44)}


def fp(p):
    return hashlib.sha256(SPKI_PREFIX + p).digest()


def entry(action, role, p):
    if action == REVOKE:
        return bytes([action, role, 0, 0]) + fp(p) + bytes(65 + 3)
    return bytes([action, role, 0, 0]) + fp(p) + p + bytes(3)


def update(generation, entries):
    m = b"PTKU" + struct.pack("<HH", 1, len(entries)) + b"stm32f4-ref".ljust(32, b"\0")
    m += struct.pack("<II", generation, 0) + b"".join(entries)
    if any(e[0] == ADD and e[1] == ROOT for e in entries):
        m += bytes([8, 0, 0, 0]) + b"\x30\x06\x02\x01\x01\x02\x01\x01".ljust(72, b"\0")  # proof
    sig = b"\x30\x06\x02\x01\x01\x02\x01\x01"
    return b"PTPK" + struct.pack("<HHIHH", 1, 16, len(m), len(sig), 0) + m + sig


SEEDS = {
    # both appliers accept: a new root key replaces the board's (with its proof)
    "root-replace": update(3, [entry(REVOKE, ROOT, BOARD["root"]), entry(ADD, ROOT, point(0x51))]),
    # both accept: both package keys revoked, a new one added
    "package-replace-both": update(2, [entry(REVOKE, PACKAGE, BOARD["package1"]),
                                       entry(REVOKE, PACKAGE, BOARD["package2"]), entry(ADD, PACKAGE, point(0x52))]),
    # both accept the same set: a trusted package key added again (the compact applier moves it)
    "package-add-again": update(4, [entry(ADD, PACKAGE, BOARD["package1"]), entry(ADD, PACKAGE, point(0x53))]),
    # the full applier takes 3 access keys, the compact one 2 at most (a documented difference)
    "access-three": update(5, [entry(ADD, ACCESS, point(0x54)), entry(ADD, ACCESS, point(0x55))]),
    # an access key replaced (both accept on a board with an identity key; the compact applier
    # refuses it on one without: a documented difference)
    "access-replace": update(6, [entry(REVOKE, ACCESS, BOARD["access"]), entry(ADD, ACCESS, point(0x56))]),
}

OPTIONS = {  # target: option bytes (fuzz_keyupdate_board.h)
    "device_keyupdate": [0x07, 0x3F, 0x47],
    "device_keyupdate_diff": [0x07, 0x06, 0x3F],
}

for target, options in OPTIONS.items():
    d = os.path.join(sys.argv[1], target)
    for name, payload in SEEDS.items():
        for o in options:
            with open(os.path.join(d, "opt%02x-%s" % (o, name)), "wb") as f:
                f.write(bytes([o]) + payload)
