// Config blob / .ptcfg backup reader (core/config/config_blob.cpp). A blob that parses must
// serialize back to the same bytes (the format has one encoding per content).
#include "fuzz_host.h"
#include "config/config_blob.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray in = piton::fuzz::bytes(data, size);
    const auto blob = piton::ConfigBlob::parse(in);
    piton::fuzz::requireExplained(blob);
    if (blob) {
        piton::fuzz::require(bool(blob.value().check()));
        piton::fuzz::require(blob.value().serialize() == in);
        for (auto it = blob.value().entries.cbegin(); it != blob.value().entries.cend(); ++it)
            piton::fuzz::requireExplained(piton::validateConfigEntry(it.key(), it.value()));
    }
    return 0;
}
