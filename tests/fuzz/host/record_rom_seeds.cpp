// Records the seeds of the rom_client and dfuse_client targets from real exchanges: the real
// RomClient and DfuSeClient talk to piton-vboard's emulated STM32F405 ROM (vb_rom.c, AN3155 on
// the serial side; vb_dfuse.c, DfuSe on the USB side; one memory model over a flash file of the
// stm32f4-ref profile), in process, and every answer the chip gives is written down in the
// targets' input format (fuzz_rom_client.cpp, fuzz_dfuse_client.cpp) with the operations that
// asked for it. Also conversations with the emulation's fault injection (--rom-fault read-drop,
// read-nack), so the resynchronisation path has seeds.
//
// Usage: fuzz/record_rom_seeds BOARDS_DIR WORK_DIR CORPUS_DIR  (writes CORPUS_DIR/rom_client/*,
// CORPUS_DIR/dfuse_client/*)
#include "link.h"
#include "rom_conversations.h"

// piton-vboard's headers are C11 (hal.h's _Noreturn); this tool is built by clang only (preset fuzz).
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wc11-extensions"
extern "C" {
#include "vb_dfuse.h"
#include "vb_error.h"
#include "vb_flash.h"
#include "vb_profile.h"
#include "vb_rom.h"
}
#pragma clang diagnostic pop

#include <libusb.h>

#include <QDir>
#include <QFile>

#include <cstdio>
#include <cstring>

using namespace piton;

namespace {

QByteArray g_romOut; // what the emulated ROM sent and the client has not read yet

void romSend(void *, const uint8_t *data, size_t len)
{
    g_romOut.append(reinterpret_cast<const char *>(data), qsizetype(len));
}

/** A link to the emulated ROM that writes down each answer as the target reads it. */
class RecordingLink : public Link {
public:
    QByteArray answers; // in fuzz_rom_client's chunk format
    fuzz::FakeClock clock;
    Result<void> open() override { return {}; }
    void close() override {}
    bool isOpen() const override { return true; }
    Result<void> write(const QByteArray &bytes) override
    {
        uint32_t go = 0;
        const vb_rom_action a = vb_rom_feed(reinterpret_cast<const uint8_t *>(bytes.constData()), size_t(bytes.size()), &go);
        if (a == VB_ROM_RESET)
            vb_rom_enter();
        return {};
    }
    Result<QByteArray> read(int timeoutMs) override
    {
        if (g_romOut.isEmpty()) {
            answers.append(char(0));
            clock.now += timeoutMs;
            return QByteArray();
        }
        const QByteArray chunk = g_romOut.left(255);
        g_romOut.remove(0, chunk.size());
        answers.append(char(chunk.size())).append(chunk);
        return chunk;
    }
    QString describe() const override { return QStringLiteral("recording link"); }
    quint32 preferredMaxPayload() const override { return 256; }
};

QByteArray romOp(quint8 kind, quint32 address, int length, quint16 arg)
{
    const char b[8] = {char(kind), char(address >> 24), char(address >> 16), char(address >> 8), char(address),
                       char(length - 1), char(arg >> 8), char(arg)};
    return QByteArray(b, 8);
}

bool writeSeed(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size()) {
        std::fprintf(stderr, "record_rom_seeds: cannot write %s\n", qPrintable(path));
        return false;
    }
    std::printf("%s: %lld bytes\n", qPrintable(path), static_cast<long long>(bytes.size()));
    return true;
}

/** One AN3155 conversation: `ops` (fuzz_rom_client's records) run on a fresh client. */
bool recordRom(const QString &path, const QList<QByteArray> &ops)
{
    vb_rom_enter();
    g_romOut.clear();
    RecordingLink link;
    RomClient rom(link);
    rom.setClock([&link] { return link.clock.now; }, [&link](int ms) { link.clock.now += ms; });
    QByteArray records;
    for (const QByteArray &op : ops)
        records += op;
    fuzz::driveRom(rom, reinterpret_cast<const uint8_t *>(records.constData()), size_t(ops.size()), link.clock);
    return writeSeed(path, QByteArray(1, char(ops.size() - 1)) + records + link.answers);
}

/** The emulated ROM's DfuSe side as a USB device, writing down each answer. */
class RecordingDevice : public DfuSeDevice {
public:
    QByteArray answers; // in fuzz_dfuse_client's format
    fuzz::FakeClock clock;
    int control(quint8 requestType, quint8 request, quint16 value, quint16, unsigned char *data, quint16 length,
                unsigned) override
    {
        const bool in = requestType & 0x80;
        static uint8_t out[VB_DFUSE_TRANSFER_SIZE];
        size_t outLen = 0;
        const vb_dfuse_reply r = vb_dfuse_request(request, in, value, in ? nullptr : data, in ? 0 : length, length, out,
                                                  sizeof out, &outLen);
        if (r == VB_DFUSE_STALL) {
            answers.append(char(0xFF));
            return LIBUSB_ERROR_PIPE;
        }
        if (!in) {
            answers.append(char(0));
            return length;
        }
        outLen = qMin<size_t>(outLen, length);
        if (outLen < 0xFC) {
            answers.append(char(outLen));
        } else {
            answers.append(char(0xFC)).append(char(outLen & 0xFF)).append(char(outLen >> 8));
        }
        answers.append(reinterpret_cast<const char *>(out), qsizetype(outLen));
        std::memcpy(data, out, outLen);
        if (request == VB_DFU_GETSTATUS) {
            uint32_t go = 0;
            const vb_dfuse_action a = vb_dfuse_after_status(&go);
            if (a != VB_DFUSE_STAY)
                vb_dfuse_reset();
        }
        return int(outLen);
    }
    qint64 nowMs() override { return clock.now; }
    void sleepMs(quint32 ms) override
    {
        clock.longestSleep = qMax<qint64>(clock.longestSleep, ms);
        clock.now += ms;
    }
};

QByteArray dfuOp(quint8 kind, quint32 address, int length, quint8 arg)
{
    const char b[8] = {char(kind), char(address >> 24), char(address >> 16), char(address >> 8), char(address),
                       char((length - 1) >> 8), char(length - 1), char(arg)};
    return QByteArray(b, 8);
}

/** The F4 ROM's DFU functional descriptor as piton-vboard presents it (ROM-LOADER.md §2):
 *  CanDnload|CanUpload|WillDetach, wDetachTimeOut 255 ms, wTransferSize 2048, bcdDFU 1.1a. */
const QByteArray kFunctional = QByteArray::fromHex("09210bff000008" "1a01");

bool recordDfu(const QString &path, const QList<QByteArray> &ops, const QByteArray &extra = kFunctional)
{
    vb_dfuse_reset();
    RecordingDevice device;
    const QString name = QString::fromLatin1(vb_dfuse_alt_names[0]);
    DfuSeClient dfu(device, extra, name);
    QByteArray records;
    for (const QByteArray &op : ops)
        records += op;
    fuzz::driveDfuSe(dfu, name, reinterpret_cast<const uint8_t *>(records.constData()), size_t(ops.size()), device.clock,
                     [] { return false; });
    const QByteArray nameBytes = name.toLatin1();
    QByteArray seed;
    seed.append(char(extra.size())).append(extra).append(char(nameBytes.size())).append(nameBytes);
    seed.append(char(ops.size() - 1)).append(records);
    return writeSeed(path, seed + device.answers);
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 4) {
        std::fprintf(stderr, "usage: record_rom_seeds BOARDS_DIR WORK_DIR CORPUS_DIR\n");
        return 2;
    }
    char err[VB_ERROR_MAX];
    static vb_profile profile;
    const QString boards = QString::fromLocal8Bit(argv[1]);
    if (!vb_profile_load(qPrintable(boards + QStringLiteral("/stm32f4-ref.json")), "stm32f4-ref", &profile, err)) {
        std::fprintf(stderr, "%s\n", err);
        return 1;
    }
    QDir().mkpath(QString::fromLocal8Bit(argv[2]));
    const QString flash = QString::fromLocal8Bit(argv[2]) + QStringLiteral("/rom-seeds-flash.bin");
    QFile::remove(flash);
    bool created = false;
    if (!vb_flash_open(qPrintable(flash), &profile, &created, err) || !vb_rom_init(&profile, romSend, nullptr, err)) {
        std::fprintf(stderr, "%s\n", err);
        return 1;
    }
    const QString rom = QString::fromLocal8Bit(argv[3]) + QStringLiteral("/rom_client/");
    const QString dfu = QString::fromLocal8Bit(argv[3]) + QStringLiteral("/dfuse_client/");
    QDir().mkpath(rom);
    QDir().mkpath(dfu);
    bool ok = true;
    // AN3155: what `piton-cli rom info`, `rom read` and the recovery ladder send.
    ok &= recordRom(rom + QStringLiteral("info-read"),
                    {romOp(0, 0, 1, 0), romOp(1, 0, 1, 0), romOp(2, 0x08000000, 256, 0), romOp(2, 0x1FFFC000, 16, 0),
                     romOp(2, 0x1FFF7800, 32, 0)});
    ok &= recordRom(rom + QStringLiteral("erase-write-read"),
                    {romOp(0, 0, 1, 0), romOp(4, 0, 1, 0x0100), romOp(3, 0x08004000, 64, 0), romOp(2, 0x08004000, 64, 0),
                     romOp(3, 0x20004000, 13, 0), romOp(2, 0x20004000, 16, 0), romOp(6, 0x08000000, 1, 0)});
    ok &= recordRom(rom + QStringLiteral("refusals"),
                    {romOp(0, 0, 1, 0), romOp(2, 0x30000000, 16, 0), romOp(3, 0x1FFF0000, 4, 0), romOp(4, 0, 1, 0x2000),
                     romOp(3, 0x08004000, 4, 0), romOp(8, 0, 1, 0), romOp(1, 0, 1, 0)});
    ok &= recordRom(rom + QStringLiteral("mass-erase"), {romOp(0, 0, 1, 0), romOp(5, 0, 1, 0), romOp(2, 0x08000000, 256, 0)});
    vb_rom_set_fault(VB_ROM_FAULT_READ_DROP, 2);
    ok &= recordRom(rom + QStringLiteral("resync-read-drop"),
                    {romOp(0, 0, 1, 0), romOp(9, 0x08004000, 256, 0), romOp(9, 0x08004100, 256, 0), romOp(9, 0x08004200, 256, 0)});
    vb_rom_set_fault(VB_ROM_FAULT_READ_NACK, 1);
    ok &= recordRom(rom + QStringLiteral("resync-read-nack"), {romOp(0, 0, 1, 0), romOp(9, 0x08004000, 256, 0)});
    vb_rom_set_fault(VB_ROM_FAULT_NONE, 0);
    ok &= recordRom(rom + QStringLiteral("readout-unprotect"), {romOp(0, 0, 1, 0), romOp(7, 0, 1, 0), romOp(0, 0, 1, 0),
                                                               romOp(1, 0, 1, 0)});

    // DfuSe: what `piton-cli rom ...` and the ladder's dfu: rung send.
    ok &= recordDfu(dfu + QStringLiteral("info-read"),
                    {dfuOp(1, 0, 1, 0), dfuOp(2, 0x08000000, 256, 0), dfuOp(2, 0x1FFFC000, 16, 0), dfuOp(2, 0x08000000, 2048, 0)});
    ok &= recordDfu(dfu + QStringLiteral("erase-write-read-go"),
                    {dfuOp(4, 0, 1, 1 << 2), dfuOp(3, 0x08004000, 300, 0), dfuOp(2, 0x08004000, 300, 0),
                     dfuOp(6, 0x08000000, 1, 0)});
    ok &= recordDfu(dfu + QStringLiteral("refusals"),
                    {dfuOp(2, 0x30000000, 16, 0), dfuOp(8, 0, 1, 0), dfuOp(3, 0x08004000, 16, 0), dfuOp(8, 0, 1, 0),
                     dfuOp(4, 0, 1, 50 << 2), dfuOp(1, 0, 1, 0)});
    ok &= recordDfu(dfu + QStringLiteral("mass-erase-unprotect"), {dfuOp(5, 0, 1, 0), dfuOp(7, 0, 1, 0), dfuOp(0, 0, 1, 0)});
    ok &= recordDfu(dfu + QStringLiteral("no-functional-descriptor"), {dfuOp(1, 0, 1, 0), dfuOp(2, 0x08000000, 64, 0)},
                    QByteArray());
    vb_flash_close();
    return ok ? 0 : 1;
}
