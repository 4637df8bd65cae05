// The DfuSe client's reply parsing (protocols/dfuse_client.cpp: USB DFU 1.1, ST UM0424 and
// AN3156), stateful: the real DfuSeClient on a fake USB device whose descriptors and answers
// come from the input: the DFU functional descriptor among the interface's extra descriptors
// (wTransferSize, bcdDFU), the alternate setting's memory layout string
// ("@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg"), DFU_GETSTATUS (bStatus,
// bwPollTimeout, bState), UPLOAD data (the command list, memory), stalls and USB errors.
//
// Input:
//   u8 n, n bytes     the interface's extra descriptors (findDfuFunctional)
//   u8 n, n bytes     the alternate setting's name (the DfuSe layout string)
//   u8 ops            (ops & 7) + 1 client operations follow connect(), 8 bytes each:
//     u8 kind, u32 address (big-endian), u16 length-1 (big-endian), u8 arg
//     kind % 9: 0 connect (again, after go or readoutUnprotect), 1 info, 2 read(address, length % maxTransfer + 1),
//               3 write(address, length % maxTransfer + 1 bytes), 4 eraseSectors(arg % 4 + 1
//               sectors from arg >> 2), 5 massErase, 6 go(address), 7 readoutUnprotect,
//               8 resynchronise
//   then the device's answers, one per control transfer:
//     u8 h: 0xFF stall (LIBUSB_ERROR_PIPE), 0xFE timeout, 0xFD no device, 0xFC u16 n (little-
//     endian) and n bytes follow, else h bytes follow
//     (IN: the data, cut to what the client asked for; OUT: ignored, the transfer succeeds)
//   The input exhausted: the device is gone (LIBUSB_ERROR_NO_DEVICE).
// Time passes only when the client sleeps (the fake clock), so bwPollTimeout costs nothing.
// Checks: no crash, no hang; every refusal is explained; no single wait is longer than the
// 60 s status deadline whatever bwPollTimeout says, and one operation waits at most the
// deadline per status loop; a read returns exactly the bytes asked for; info() of a device that
// connected gives the layout the name describes.
#include "rom_conversations.h"

#include <libusb.h>

#include <cstring>

namespace {

using namespace piton;

class FuzzDevice : public DfuSeDevice {
public:
    const uint8_t *data = nullptr;
    size_t size = 0;
    size_t at = 0;
    fuzz::FakeClock clock;

    int control(quint8 requestType, quint8, quint16, quint16, unsigned char *out, quint16 length, unsigned) override
    {
        fuzz::require(requestType == 0xA1 || requestType == 0x21);
        fuzz::require(length == 0 || out);
        if (at >= size)
            return LIBUSB_ERROR_NO_DEVICE;
        const uint8_t h = data[at++];
        if (h == 0xFF)
            return LIBUSB_ERROR_PIPE;
        if (h == 0xFE)
            return LIBUSB_ERROR_TIMEOUT;
        if (h == 0xFD)
            return LIBUSB_ERROR_NO_DEVICE;
        size_t n = h;
        if (h == 0xFC) { // a long answer: u16 n (little-endian) follows
            if (size - at < 2)
                return LIBUSB_ERROR_NO_DEVICE;
            n = size_t(data[at] | data[at + 1] << 8);
            at += 2;
        }
        n = std::min<size_t>(n, size - at);
        const uint8_t *bytes = data + at;
        at += n;
        if (requestType == 0x21)
            return length;
        const size_t copy = std::min<size_t>(n, length);
        if (copy)
            std::memcpy(out, bytes, copy);
        return int(copy);
    }
    qint64 nowMs() override { return clock.now; }
    void sleepMs(quint32 ms) override
    {
        clock.longestSleep = std::max<qint64>(clock.longestSleep, ms);
        clock.now += ms;
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t at = 0;
    const auto take = [&](size_t n) -> const uint8_t * {
        if (size - at < n)
            return nullptr;
        const uint8_t *p = data + at;
        at += n;
        return p;
    };
    const uint8_t *len = take(1);
    const uint8_t *extra = len ? take(*len) : nullptr;
    if (!extra)
        return 0;
    const QByteArray extraBytes(reinterpret_cast<const char *>(extra), *len);
    len = take(1);
    const uint8_t *name = len ? take(*len) : nullptr;
    if (!name)
        return 0;
    const QString altName = QString::fromLatin1(reinterpret_cast<const char *>(name), *len);
    const uint8_t *count = take(1);
    if (!count)
        return 0;
    const size_t ops = (*count & 7) + 1;
    const uint8_t *records = take(ops * 8);
    if (!records)
        return 0;

    FuzzDevice device;
    device.data = data + at;
    device.size = size - at;
    DfuSeClient dfu(device, extraBytes, altName);
    fuzz::driveDfuSe(dfu, altName, records, ops, device.clock, [&device] { return device.at >= device.size; });
    return 0;
}
