// ELF reader (core/image/elf_image.cpp, libelf).
#include "fuzz_host.h"
#include "image/elf_image.h"
#include "image/image.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray in = piton::fuzz::bytes(data, size);
    (void)piton::looksLikeElf(in);
    piton::fuzz::requireExplained(piton::readElf(in, QStringLiteral("fuzz.elf")));
    return 0;
}
