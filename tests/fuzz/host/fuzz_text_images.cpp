// Intel HEX and Motorola S-record readers (core/image/intel_hex.cpp, srecord.cpp).
// Built twice: PITON_FUZZ_SRECORD selects the S-record reader.
#include "fuzz_host.h"
#include "image/image.h"
#include "image/intel_hex.h"
#include "image/srecord.h"

#include <QBuffer>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray in = piton::fuzz::bytes(data, size);
    QBuffer buffer(&in);
    buffer.open(QIODevice::ReadOnly);
#ifdef PITON_FUZZ_SRECORD
    const auto image = piton::readSRecord(buffer, QStringLiteral("fuzz.srec"));
#else
    const auto image = piton::readIntelHex(buffer, QStringLiteral("fuzz.hex"));
#endif
    piton::fuzz::requireExplained(image);
    return 0;
}
