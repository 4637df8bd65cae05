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

namespace {

struct SectorSpan {
    quint32 start;
    quint32 size;
};

// The sector of `region` holding `offset` (region-relative), or nullopt past the end.
std::optional<SectorSpan> sectorAt(const Region &region, quint32 offset)
{
    if (offset >= region.size)
        return std::nullopt;
    quint64 base = 0;
    for (const SectorRun &r : region.sectors) {
        const quint64 runBytes = quint64(r.count) * r.size;
        if (r.size > 0 && offset < base + runBytes)
            return SectorSpan{quint32(base + (offset - base) / r.size * r.size), r.size};
        base += runBytes;
    }
    return std::nullopt;
}

} // namespace

std::optional<quint32> Region::sectorStart(quint32 offset) const
{
    const auto span = sectorAt(*this, offset);
    return span ? std::optional<quint32>(span->start) : std::nullopt;
}

std::optional<quint32> Region::sectorSize(quint32 offset) const
{
    const auto span = sectorAt(*this, offset);
    return span ? std::optional<quint32>(span->size) : std::nullopt;
}

namespace {
QString pick(const char *const *names, int count, int value)
{
    if (value >= 0 && value < count)
        return QString::fromLatin1(names[value]);
    return QStringLiteral("unknown (%1)").arg(value);
}
} // namespace

QString imageStateName(int state)
{
    static const char *const names[] = {"none", "confirmed", "trial", "reverted"};
    return pick(names, 4, state);
}

QString installResultName(int result)
{
    static const char *const names[] = {"none", "ok", "rejected", "failed", "reverted"};
    return pick(names, 5, result);
}

QString revertReasonName(int reason)
{
    static const char *const names[] = {"none", "not confirmed", "image invalid"};
    return pick(names, 3, reason);
}

QString stagingStateName(int state)
{
    static const char *const names[] = {"empty", "partial", "complete", "pending", "corrupt"};
    return pick(names, 5, state);
}

QString configStateName(int state)
{
    static const char *const names[] = {"ok", "empty", "corrupt"};
    return pick(names, 3, state);
}

QString roleName(int role)
{
    static const char *const names[] = {"none", "observer", "technician", "factory"};
    return pick(names, 4, role);
}

} // namespace piton
