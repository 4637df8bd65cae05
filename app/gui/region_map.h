// RegionMap: the device's flash regions drawn to scale, one bar per flash device (internal
// flash, and external flash when the board has any), each region's width proportional to its
// size in bytes, coloured by its role (protected, config, image, staging).
#pragma once

#include "device_types.h"

#include <QList>
#include <QStringList>
#include <QWidget>

namespace piton::gui {

class RegionMap : public QWidget {
    Q_OBJECT
public:
    explicit RegionMap(QWidget *parent = nullptr);

    /** Shows `regions` (REGIONS answer); an empty list clears the map. */
    void setRegions(const QList<Region> &regions);
    const QList<Region> &regions() const { return m_regions; }

    /** Marks the regions an operation is about to touch (by name): drawn with a thick red
     *  outline and diagonal hatching, the others dimmed. An empty list removes the marks. */
    void setHighlighted(const QStringList &names);
    const QStringList &highlighted() const { return m_highlighted; }

    /** Colour used for a region (also used by the region table's swatches). */
    static QColor colorFor(const Region &region);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<Region> m_regions;
    QStringList m_highlighted;
};

/** "0x08040000" */
QString hexAddress(quint32 address);
/** Human size in bytes: "16 KiB", "1 MiB", "512 B" (binary units; exact for whole units, one
 *  decimal otherwise). */
QString formatSize(quint64 bytes);
/** The region's flags as translated words, comma separated ("protected, image"). */
QString regionFlagText(const Region &region);
/** The region's sector layout: "4 × 16 KiB, 1 × 64 KiB". */
QString sectorText(const Region &region);

} // namespace piton::gui
