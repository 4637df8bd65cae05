#include "region_map.h"
#include "piton/protocol.h"

#include <QCoreApplication>
#include <QFontMetrics>
#include <QPainter>
#include <QStringList>

namespace piton::gui {

QString hexAddress(quint32 address)
{
    return QStringLiteral("0x%1").arg(address, 8, 16, QLatin1Char('0'));
}

QString formatSize(quint64 bytes)
{
    const auto unit = [bytes](quint64 factor, const QString &name) {
        if (bytes % factor == 0)
            return QStringLiteral("%1 %2").arg(bytes / factor).arg(name);
        return QStringLiteral("%1 %2").arg(double(bytes) / double(factor), 0, 'f', 1).arg(name);
    };
    if (bytes >= 1024ull * 1024ull)
        return unit(1024ull * 1024ull, QStringLiteral("MiB"));
    if (bytes >= 1024ull)
        return unit(1024ull, QStringLiteral("KiB"));
    return QStringLiteral("%1 B").arg(bytes);
}

QString regionFlagText(const Region &r)
{
    QStringList f;
    if (r.isProtected())
        f << QCoreApplication::translate("RegionMap", "protected");
    if (r.isStaging())
        f << QCoreApplication::translate("RegionMap", "staging");
    if (r.isExternal())
        f << QCoreApplication::translate("RegionMap", "external");
    if (r.isConfig())
        f << QCoreApplication::translate("RegionMap", "config");
    if (r.isImage())
        f << QCoreApplication::translate("RegionMap", "image");
    return f.join(QStringLiteral(", "));
}

QString sectorText(const Region &r)
{
    QStringList parts;
    for (const SectorRun &s : r.sectors)
        parts << QStringLiteral("%1 × %2").arg(s.count).arg(formatSize(s.size));
    return parts.join(QStringLiteral(", "));
}

RegionMap::RegionMap(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void RegionMap::setHighlighted(const QStringList &names)
{
    m_highlighted = names;
    update();
}

void RegionMap::setRegions(const QList<Region> &regions)
{
    m_regions = regions;
    m_highlighted.clear();
    setToolTip(QString());
    updateGeometry();
    update();
}

QColor RegionMap::colorFor(const Region &r)
{
    if (r.isProtected())
        return QColor(0x9e, 0x9e, 0x9e);
    if (r.isConfig())
        return QColor(0xf2, 0xc1, 0x4e);
    if (r.isStaging())
        return QColor(0xb3, 0x88, 0xdd);
    if (r.isImage())
        return r.name == QLatin1String(PT_REGION_NAME_FIRMWARE) ? QColor(0x5b, 0x9b, 0xd5) : QColor(0x70, 0xc1, 0x6d);
    return QColor(0xcf, 0xd8, 0xdc);
}

QSize RegionMap::sizeHint() const
{
    const int bars = std::any_of(m_regions.begin(), m_regions.end(), [](const Region &r) { return r.isExternal(); }) ? 2 : 1;
    return {480, bars * (fontMetrics().height() * 3 + 8) + 4};
}

QSize RegionMap::minimumSizeHint() const
{
    return {200, sizeHint().height()};
}

void RegionMap::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing, false);
    const QFontMetrics fm = fontMetrics();
    const int barHeight = fm.height() * 3;
    if (m_regions.isEmpty()) {
        p.setPen(palette().color(QPalette::Disabled, QPalette::Text));
        p.drawText(rect(), Qt::AlignCenter, tr("no device"));
        return;
    }
    int top = 2;
    for (const bool external : {false, true}) {
        QList<Region> bar;
        quint64 total = 0;
        for (const Region &r : m_regions) {
            if (r.isExternal() == external) {
                bar << r;
                total += r.size;
            }
        }
        if (bar.isEmpty() || total == 0)
            continue;
        std::sort(bar.begin(), bar.end(), [](const Region &a, const Region &b) { return a.address < b.address; });
        const int width = this->width() - 4;
        quint64 before = 0;
        for (const Region &r : bar) {
            // To scale: x positions from the running byte total, so widths add up exactly.
            const int x0 = 2 + int(before * quint64(width) / total);
            before += r.size;
            const int x1 = 2 + int(before * quint64(width) / total);
            const QRect box(x0, top, std::max(1, x1 - x0), barHeight);
            const bool marked = m_highlighted.contains(r.name);
            QColor fill = colorFor(r);
            if (!m_highlighted.isEmpty() && !marked)
                fill = fill.lighter(135); // the regions left alone fade back
            p.fillRect(box, fill);
            if (marked)
                p.fillRect(box, QBrush(QColor(0xb0, 0x00, 0x20, 90), Qt::BDiagPattern));
            p.setPen(palette().color(QPalette::Dark));
            p.drawRect(box.adjusted(0, 0, -1, -1));
            if (marked) {
                p.setPen(QPen(QColor(0xb0, 0x00, 0x20), 3));
                p.drawRect(box.adjusted(1, 1, -2, -2));
            }
            p.setPen(Qt::black);
            const QString name = r.name;
            const QString size = formatSize(r.size);
            if (fm.horizontalAdvance(name) + 4 <= box.width()) {
                p.drawText(box.adjusted(2, 2, -2, -barHeight / 2), Qt::AlignCenter, name);
                if (fm.horizontalAdvance(size) + 4 <= box.width())
                    p.drawText(box.adjusted(2, barHeight / 2, -2, -2), Qt::AlignCenter, size);
            }
        }
        top += barHeight + 8;
    }
}

} // namespace piton::gui
