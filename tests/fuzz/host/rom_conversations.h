// The conversations of the rom_client and dfuse_client targets (fuzz_rom_client.cpp,
// fuzz_dfuse_client.cpp): the client operations an input's 8-byte records ask for, run on the
// real RomClient / DfuSeClient with the targets' checks. record_rom_seeds.cpp runs the same
// operations against piton-vboard's emulated ROM, so its seeds replay exactly, and the checks
// hold on those genuine answers too.
#pragma once

#include "fuzz_host.h"

#include "dfuse_client.h"
#include "rom_client.h"

#include <functional>

namespace piton::fuzz {

/** The fake time of a conversation: advanced by silence and sleeps only. */
struct FakeClock {
    qint64 now = 0;
    qint64 longestSleep = 0;
};

/** A result checked and traced; false when the link is gone (the conversation ends). */
template <typename R> bool usable(const R &r, const char *what)
{
    trace(what, r);
    requireExplained(r);
    return r || r.error().kind != ErrorKind::Link;
}

/** A read with arguments inside the limits: exactly `length` bytes, or a refusal that is not a
 *  usage error. `usable()` of it. */
template <typename R> bool checkRead(const R &r, int length, const char *what)
{
    const bool go = usable(r, what);
    if (r)
        require(r->size() == length);
    else
        require(r.error().kind != ErrorKind::Usage);
    return go;
}

/** Runs `ops` records (u8 kind, u32 address big-endian, u8 length-1, u16 arg big-endian; kind % 10:
 *  0 synchronise, 1 info, 2 read, 3 write (address & ~3, length bytes), 4 eraseSectors (arg % 8 + 1
 *  sectors from arg >> 8), 5 massErase, 6 go, 7 readoutUnprotect, 8 resynchronise, 9 read asked
 *  again after a resynchronisation as the recovery ladder does) on `rom`. */
inline void driveRom(RomClient &rom, const uint8_t *records, size_t ops, const FakeClock &clock)
{
    for (size_t i = 0; i < ops; ++i) {
        const uint8_t *op = records + i * 8;
        const quint32 address = quint32(op[1]) << 24 | quint32(op[2]) << 16 | quint32(op[3]) << 8 | op[4];
        const int length = op[5] + 1;
        const quint16 arg = quint16(op[6] << 8 | op[7]);
        bool go = true;
        switch (op[0] % 10) {
        case 0: go = usable(rom.synchronise(), "synchronise"); break;
        case 1: {
            auto r = rom.info();
            go = usable(r, "info");
            if (r) {
                require(r->protocol == QLatin1String("AN3155"));
                require(r->commands.size() <= 255);
                require(!r->chip || r->chip->pid == r->pid);
            }
            break;
        }
        case 2: {
            go = checkRead(rom.read(address, length), length, "read");
            break;
        }
        case 3: {
            auto r = rom.write(address & ~3u, QByteArray(length, char(0x5A)));
            go = usable(r, "write");
            require(r || r.error().kind != ErrorKind::Usage);
            break;
        }
        case 4: {
            QList<int> sectors;
            for (int s = 0; s < arg % 8 + 1; ++s)
                sectors.append((arg >> 8) + s);
            auto r = rom.eraseSectors(sectors);
            go = usable(r, "eraseSectors");
            require(r || r.error().kind != ErrorKind::Usage);
            break;
        }
        case 5: go = usable(rom.massErase(), "massErase"); break;
        case 6: go = usable(rom.go(address), "go"); break;
        case 7: go = usable(rom.readoutUnprotect(), "readoutUnprotect"); break;
        case 8: go = usable(rom.resynchronise(), "resynchronise"); break;
        case 9: {
            auto r = rom.read(address, length);
            if (!r && r.error().kind != ErrorKind::Link) {
                requireExplained(r);
                const qint64 before = clock.now;
                trace("read (ladder)", r);
                auto s = rom.resynchronise();
                trace("resynchronise (ladder)", s);
                requireExplained(s);
                // The budget holds (20 s, plus the waits of the last round in hand when it ran out).
                require(clock.now - before <= 20000 + 2000);
                if (s)
                    r = rom.read(address, length);
            }
            go = checkRead(r, length, "read (ladder)");
            break;
        }
        }
        if (!go)
            break;
    }
}

/** Runs connect() and then `ops` records (u8 kind, u32 address big-endian, u16 length-1
 *  big-endian, u8 arg; kind % 9: 0 connect, 1 info, 2 read (length % maxTransfer + 1), 3 write,
 *  4 eraseSectors (arg % 4 + 1 sectors from arg >> 2), 5 massErase, 6 go, 7 readoutUnprotect,
 *  8 resynchronise) on `dfu`, whose alternate setting is named `altName`; stops early when
 *  `exhausted()`. */
inline void driveDfuSe(DfuSeClient &dfu, const QString &altName, const uint8_t *records, size_t ops,
                       const FakeClock &clock, const std::function<bool()> &exhausted)
{
    // As a user's job does: connect first (descriptors, then the state cleared to dfuIDLE).
    if (auto first = dfu.connect(); usable(first, "connect") && first)
        require(dfu.maxTransfer() >= 1 && dfu.maxTransfer() <= 4096);
    const auto layout = parseDfuSeLayout(altName);
    requireExplained(layout);

    for (size_t i = 0; i < ops; ++i) {
        const uint8_t *op = records + i * 8;
        const quint32 address = quint32(op[1]) << 24 | quint32(op[2]) << 16 | quint32(op[3]) << 8 | op[4];
        require(dfu.maxTransfer() >= 1 && dfu.maxTransfer() <= 4096); // also after a refused descriptor
        const int length = (op[5] << 8 | op[6]) % dfu.maxTransfer() + 1;
        const uint8_t arg = op[7];
        const qint64 before = clock.now;
        int statusLoops = 1; // status loops the operation may run (each up to the 60 s deadline)
        switch (op[0] % 9) {
        case 0: {
            auto r = dfu.connect();
            usable(r, "connect");
            if (r)
                require(dfu.maxTransfer() >= 1 && dfu.maxTransfer() <= 4096);
            break;
        }
        case 1: {
            auto r = dfu.info();
            usable(r, "info");
            if (r) {
                require(layout.ok() && r->chip && r->chip->flashBase == layout->flashBase
                        && r->chip->sectorSizes == layout->sectorSizes);
                require(r->commands.size() <= 16);
            }
            break;
        }
        case 2: {
            checkRead(dfu.read(address, length), length, "read");
            break;
        }
        case 3: {
            auto r = dfu.write(address, QByteArray(length, char(0x5A)));
            usable(r, "write");
            require(r || r.error().kind != ErrorKind::Usage);
            statusLoops = 2;
            break;
        }
        case 4: {
            QList<int> sectors;
            for (int s = 0; s < arg % 4 + 1; ++s)
                sectors.append((arg >> 2) + s);
            auto r = dfu.eraseSectors(sectors);
            usable(r, "eraseSectors");
            statusLoops = int(sectors.size());
            break;
        }
        case 5: usable(dfu.massErase(), "massErase"); break;
        case 6: usable(dfu.go(address), "go"); break;
        case 7: usable(dfu.readoutUnprotect(), "readoutUnprotect"); break;
        case 8: usable(dfu.resynchronise(), "resynchronise"); break;
        }
        // No wait beyond the deadline, whatever bwPollTimeout says.
        require(clock.longestSleep <= 60000);
        require(clock.now - before <= qint64(statusLoops) * 60000);
        if (exhausted())
            break;
    }
}

} // namespace piton::fuzz
