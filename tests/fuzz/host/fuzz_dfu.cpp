// DfuSe and plain DFU files (core/image/dfu_file.cpp): suffix, DfuSe prefix/targets/elements,
// and the image built from a DfuSe file. Each input is read as it is and with its suffix CRC
// made right (dfuCrc of the bytes before it).
#include "fuzz_host.h"
#include "image/dfu_file.h"
#include "image/image.h"

namespace {

void check(const QByteArray &in)
{
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
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray in = piton::fuzz::bytes(data, size);
    check(in);
    if (size >= 4)
        check(piton::fuzz::withCrcTrailer(in, piton::dfuCrc(QByteArrayView(in).first(in.size() - 4))));
    return 0;
}
