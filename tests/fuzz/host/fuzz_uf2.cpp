// UF2 reader (core/image/uf2_file.cpp), without and with a family filter (input byte 0 picks
// the family: 0 none, else the RP2040's 0xe48bff56 or the STM32F4's 0x57755a57).
#include "fuzz_host.h"
#include "image/image.h"
#include "image/uf2_file.h"

#include <optional>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    std::optional<quint32> family;
    if (data[0] % 3 == 1)
        family = 0xe48bff56u;
    else if (data[0] % 3 == 2)
        family = 0x57755a57u;
    const QByteArray in = piton::fuzz::bytes(data + 1, size - 1);
    (void)piton::looksLikeUf2(in);
    piton::fuzz::requireExplained(piton::readUf2(in, QStringLiteral("fuzz.uf2"), family));
    return 0;
}
