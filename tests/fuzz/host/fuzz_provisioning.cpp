// The provisioning block and access block readers (core/board/provisioning.cpp:
// decodeProvisioning, decodeAccessBlock; layouts in docs/package-format.md): the recovery ladder
// decodes them from the key area it reads back from a chip through its ROM bootloader
// (RecoveryLadderJob::planBringUp), so they take the chip's bytes. Each input is decoded as the
// provisioning block and as the access block, as it is and with the block's CRC made right
// (zlib crc32 over the bytes before it: offset 320 for "PTPV", 372 for "PTAK").
// Checks: every refusal explained; a block that decodes encodes again, and that decodes to the
// same fields.
#include "fuzz_host.h"

#include "board/provisioning.h"

#include <zlib.h>

namespace {

using namespace piton;

QByteArray withCrcAt(QByteArray in, int at)
{
    const quint32 crc = quint32(crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef *>(in.constData()), uInt(at)));
    for (int i = 0; i < 4; ++i)
        in[at + i] = char(crc >> (8 * i));
    return in;
}

void provisioning(const QByteArray &in)
{
    auto p = decodeProvisioning(in);
    fuzz::requireExplained(p);
    if (!p)
        return;
    auto again = encodeProvisioning(*p);
    fuzz::require(again.ok());
    auto back = decodeProvisioning(*again);
    fuzz::require(back.ok() && back->boardId == p->boardId && back->uniqueId == p->uniqueId && back->locked == p->locked
                  && back->trustedKeys == p->trustedKeys);
}

void accessBlock(const QByteArray &in)
{
    auto a = decodeAccessBlock(in);
    fuzz::requireExplained(a);
    if (!a)
        return;
    auto again = encodeAccessBlock(*a);
    fuzz::require(again.ok());
    auto back = decodeAccessBlock(*again);
    fuzz::require(back.ok() && back->accessKeys == a->accessKeys && back->identityPrivate == a->identityPrivate
                  && back->identityPublic == a->identityPublic);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray in = fuzz::bytes(data, size);
    provisioning(in);
    accessBlock(in);
    if (in.size() >= kProvisioningBlockSize)
        provisioning(withCrcAt(in, kProvisioningBlockSize - 4));
    if (in.size() >= kAccessBlockSize)
        accessBlock(withCrcAt(in, kAccessBlockSize - 4));
    return 0;
}
