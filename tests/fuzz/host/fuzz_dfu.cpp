// DfuSe and plain DFU files (core/image/dfu_file.cpp): suffix, DfuSe prefix/targets/elements,
// and the image built from a DfuSe file.
#include "fuzz_host.h"
#include "image/dfu_file.h"
#include "image/image.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray in = piton::fuzz::bytes(data, size);
    const QString name = QStringLiteral("fuzz.dfu");
    (void)piton::hasDfuSuffix(in);
    (void)piton::looksLikeDfuSe(in);
    QByteArray payload;
    piton::fuzz::requireExplained(piton::readDfuSuffix(in, name, &payload));
    piton::fuzz::requireExplained(piton::readPlainDfu(in, name));
    const auto file = piton::readDfuSe(in, name);
    piton::fuzz::requireExplained(file);
    if (file)
        piton::fuzz::requireExplained(piton::dfuSeImage(file.value(), name));
    return 0;
}
