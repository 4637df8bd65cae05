// PEM and DER key readers (core/package/keys.cpp, OpenSSL underneath). Input byte 0 picks the
// reader: public PEM, public DER, private PEM.
#include "fuzz_host.h"
#include "package/keys.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const QByteArray in = piton::fuzz::bytes(data + 1, size - 1);
    switch (data[0] % 3) {
    case 0: {
        const auto key = piton::PublicKey::fromPem(in);
        piton::fuzz::requireExplained(key);
        if (key)
            piton::fuzz::require(piton::PublicKey::fromDer(key.value().derSpki()).ok());
        break;
    }
    case 1:
        piton::fuzz::requireExplained(piton::PublicKey::fromDer(in));
        break;
    default:
        piton::fuzz::requireExplained(piton::PrivateKey::fromPem(in));
        break;
    }
    return 0;
}
