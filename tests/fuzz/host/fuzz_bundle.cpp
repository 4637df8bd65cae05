// Factory bundle reader (core/package/bundle.cpp, signed_file.cpp).
#include "fuzz_host.h"
#include "package/bundle.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    piton::fuzz::requireExplained(piton::Bundle::parse(piton::fuzz::bytes(data, size)));
    return 0;
}
