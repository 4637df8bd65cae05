// Package reader (core/package/package.cpp, manifest.cpp, signed_file.cpp): header, header
// extensions (signer key), manifest, signature field, payload area; then what inspect does
// with a parsed package (payload hashes, the named signer's check).
#include "fuzz_host.h"
#include "package/package.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto package = piton::Package::parse(piton::fuzz::bytes(data, size));
    piton::fuzz::requireExplained(package);
    if (package) {
        piton::fuzz::requireExplained(package.value().verifyPayloadHashes());
        piton::fuzz::requireExplained(package.value().namedSignerFingerprint());
        (void)package.value().sha256();
    }
    return 0;
}
