#include "device_types.h"

namespace piton {

quint32 Region::sectorCount() const
{
    quint32 n = 0;
    for (const SectorRun &r : sectors)
        n += r.count;
    return n;
}

bool Region::isSectorBoundary(quint32 offset) const
{
    if (offset == size)
        return true;
    const std::optional<quint32> start = sectorStart(offset);
    return start && *start == offset;
}

std::optional<quint32> Region::sectorStart(quint32 offset) const
{
    if (offset >= size)
        return std::nullopt;
    quint64 base = 0;
    for (const SectorRun &r : sectors) {
        const quint64 runBytes = quint64(r.count) * r.size;
        if (r.size > 0 && offset < base + runBytes)
            return quint32(base + (offset - base) / r.size * r.size);
        base += runBytes;
    }
    return std::nullopt;
}

std::optional<quint32> Region::sectorSize(quint32 offset) const
{
    if (offset >= size)
        return std::nullopt;
    quint64 base = 0;
    for (const SectorRun &r : sectors) {
        const quint64 runBytes = quint64(r.count) * r.size;
        if (r.size > 0 && offset < base + runBytes)
            return r.size;
        base += runBytes;
    }
    return std::nullopt;
}

} // namespace piton
