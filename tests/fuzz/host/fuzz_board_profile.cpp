// Board profile JSON (core/board/board_profile.cpp, parseBoardProfile).
#include "fuzz_host.h"
#include "board/board_profile.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    piton::fuzz::requireExplained(piton::parseBoardProfile(piton::fuzz::bytes(data, size), QStringLiteral("fuzz.json")));
    return 0;
}
