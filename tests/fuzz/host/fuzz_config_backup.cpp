// Config blob / .ptcfg backup reader (core/config/config_blob.cpp). A blob that parses must
// serialize back to the same bytes (the format has one encoding per content). Each input is
// parsed as it is and with its CRC trailer made right (zlib crc32 of the bytes before it).
#include "fuzz_host.h"
#include "config/config_blob.h"

#include <zlib.h>

namespace {

void check(const QByteArray &in)
{
    const auto blob = piton::ConfigBlob::parse(in);
    piton::fuzz::requireExplained(blob);
    if (blob) {
        piton::fuzz::require(bool(blob.value().check()));
        piton::fuzz::require(blob.value().serialize() == in);
        for (auto it = blob.value().entries.cbegin(); it != blob.value().entries.cend(); ++it)
            piton::fuzz::requireExplained(piton::validateConfigEntry(it.key(), it.value()));
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray in = piton::fuzz::bytes(data, size);
    check(in);
    if (size >= 4)
        check(piton::fuzz::withCrcTrailer(in, quint32(crc32(crc32(0L, Z_NULL, 0), data, uInt(size - 4)))));
    return 0;
}
