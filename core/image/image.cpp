#include "image/image.h"

#include <algorithm>

namespace piton {

quint32 Image::lowestAddress() const
{
    return m_segments.isEmpty() ? 0 : m_segments.first().address;
}

quint64 Image::highestAddressExclusive() const
{
    return m_segments.isEmpty() ? 0 : m_segments.last().endAddress();
}

qsizetype Image::byteCount() const
{
    qsizetype n = 0;
    for (const Segment &s : m_segments)
        n += s.data.size();
    return n;
}

QByteArray Image::flatten(quint8 fill) const
{
    if (m_segments.isEmpty())
        return {};
    const quint32 base = lowestAddress();
    QByteArray out(qsizetype(highestAddressExclusive() - base), char(fill));
    for (const Segment &s : m_segments)
        std::copy(s.data.cbegin(), s.data.cend(), out.begin() + qsizetype(s.address - base));
    return out;
}

Image Image::cropped(quint32 from, quint64 toExclusive) const
{
    Image out;
    out.m_start = m_start;
    out.m_uf2Family = m_uf2Family;
    for (const Segment &s : m_segments) {
        const quint64 lo = std::max<quint64>(s.address, from);
        const quint64 hi = std::min<quint64>(s.endAddress(), toExclusive);
        if (lo >= hi)
            continue;
        out.m_segments.append(
            Segment{quint32(lo), s.data.mid(qsizetype(lo - s.address), qsizetype(hi - lo))});
    }
    return out;
}

Result<void> Image::addSegment(quint32 address, QByteArray data)
{
    if (data.isEmpty())
        return {};
    const quint64 end = quint64(address) + quint64(data.size());
    if (end > 0x100000000ull)
        return Error::make(ErrorKind::Format,
                           QStringLiteral("%1 bytes at address 0x%2 run past the end of the "
                                          "32-bit address space")
                               .arg(data.size())
                               .arg(address, 8, 16, QLatin1Char('0')));
    // First segment whose end is beyond `address`: the only candidates for overlap start here.
    auto it = std::lower_bound(m_segments.begin(), m_segments.end(), address,
                               [](const Segment &s, quint32 a) { return s.endAddress() <= a; });
    if (it != m_segments.end() && it->address < end) {
        const quint64 first = std::max<quint64>(it->address, address);
        return Error::make(ErrorKind::Format,
                           QStringLiteral("data at 0x%1 overlaps data already present "
                                          "(0x%2..0x%3)")
                               .arg(first, 8, 16, QLatin1Char('0'))
                               .arg(it->address, 8, 16, QLatin1Char('0'))
                               .arg(it->endAddress() - 1, 8, 16, QLatin1Char('0')));
    }
    qsizetype index = it - m_segments.begin();
    // Merge with the previous segment when it ends exactly at `address`.
    if (index > 0 && m_segments[index - 1].endAddress() == address) {
        --index;
        m_segments[index].data.append(data);
    } else {
        m_segments.insert(index, Segment{address, std::move(data)});
    }
    // Merge with the next segment when it starts exactly at our end.
    if (index + 1 < m_segments.size() &&
        m_segments[index + 1].address == m_segments[index].endAddress()) {
        m_segments[index].data.append(m_segments[index + 1].data);
        m_segments.removeAt(index + 1);
    }
    return {};
}

} // namespace piton
